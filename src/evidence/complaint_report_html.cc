#include "evidence/complaint_report_html.h"

#include <string_view>

#include "evidence/report_html.h"

namespace jianmei::evidence {
namespace {

constexpr char kStyle[] = R"(<style>
@page{size:A4;margin:16mm 15mm 18mm 15mm}
body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC","WenQuanYi Micro Hei",serif;font-size:10.5pt;
 line-height:1.55;color:#000;max-width:180mm;margin:1em auto}
h1{font-size:18pt;text-align:center;margin:0 0 .2em}
.sub{text-align:center;color:#333;margin:0 0 1.2em}
h2{font-size:13pt;border-bottom:1.5px solid #000;margin:1.2em 0 .5em;break-after:avoid}
h3{font-size:11pt;margin:.9em 0 .3em;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:.3em 0 .8em}
th,td{border:1px solid #777;padding:3px 5px;text-align:left;vertical-align:top}
th{width:9em;background:#f0f0f0;font-weight:normal}
td{white-space:pre-wrap;overflow-wrap:anywhere}
tr,.rule,.figure{break-inside:avoid}
.hash{font-family:"DejaVu Sans Mono",monospace;font-size:8pt;overflow-wrap:anywhere}
.rule{border-left:3px solid #555;padding:.2em .6em;margin:.4em 0 .7em}
.rule .t{font-weight:bold}.quote{background:#f4f4f4}
.small{font-size:8.5pt;color:#333}
.warn{border:3px solid #c00;padding:6px;font-weight:bold}
.figure{margin:.4em 0 .8em}.figure img{max-width:100%;max-height:110mm;border:1px solid #999}
ol,ul{margin:.2em 0 .6em;padding-left:1.6em}
.verify{white-space:pre-wrap}
@media print{body{margin:0;max-width:none}a{color:#000;text-decoration:none}}
</style>)";

std::string E(std::string_view s) { return HtmlEscape(s); }
std::string OrNone(std::string_view s) { return s.empty() ? "（未填写）" : E(s); }

void Row(std::string* out, std::string_view label, std::string_view escaped_value) {
  *out += "<tr><th>" + E(label) + "</th><td>" + std::string(escaped_value) + "</td></tr>\n";
}

const char* StatusText(std::string_view s) {
  if (s == "valid") return "有效";
  if (s == "suspended") return "停业（暂停执业）";
  if (s == "revoked") return "已注销或吊销";
  return "未知";
}

const char* OutcomeText(std::string_view o) {
  if (o == "allowed") return "可以开展";
  if (o == "not_allowed") return "不得开展";
  return "无法判断";
}

const char* VerdictText(std::string_view v) {
  if (v == "violation") return "违法";
  if (v == "suspect") return "可疑";
  return "未发现问题";
}

const char* SeverityText(std::string_view s) {
  if (s == "critical") return "严重";
  if (s == "high") return "高";
  if (s == "medium") return "中";
  if (s == "low") return "低";
  return "";
}

const char* CertaintyText(std::string_view c) {
  if (c == "verified") return "已核对法规原文";
  if (c == "agreed") return "多个来源一致";
  if (c == "single") return "仅一个来源，待核实";
  return "未找到来源，待核实";
}

std::string EntryKindText(EntryKind k) { return k == EntryKind::kComplaint ? "投诉记录" : "截取的帖文"; }

void RenderRule(std::string* out, const FilingRule& r) {
  *out += "<div class=\"rule\"><div class=\"t\">" + E(r.title);
  if (!r.severity.empty()) *out += "（严重程度：" + std::string(SeverityText(r.severity)) + "）";
  *out += "</div>\n";
  if (!r.quote.empty()) *out += "<div>原文：<span class=\"quote\">「" + E(r.quote) + "」</span></div>\n";
  if (!r.explanation.empty()) *out += "<div>" + E(r.explanation) + "</div>\n";
  if (!r.basis.empty()) {
    *out += "<div>依据：</div><ul>\n";
    for (const FilingBasis& b : r.basis) {
      *out += "<li>" + E(b.cite) + "：" + E(b.summary) + " <span class=\"small\">（" +
              CertaintyText(b.certainty) + "）</span></li>\n";
    }
    *out += "</ul>\n";
  }
  *out += "<div class=\"small\">规则 " + E(r.rule) +
          (r.category.empty() ? "" : "，类别 " + E(r.category)) + "；可靠程度：" +
          CertaintyText(r.certainty) + "</div></div>\n";
}

void RenderRespondent(std::string* out, const Respondent& r) {
  *out += "<h2>二、被投诉人</h2>\n<table>\n";
  Row(out, "投诉人所称", E(r.as_named));
  if (r.resolved) {
    Row(out, "登记名称", E(r.name));
    Row(out, "许可证或备案号", "<span class=\"hash\">" + E(r.licence) + "</span>");
    Row(out, "机构类别", OrNone(r.type));
    Row(out, "所在城市", OrNone(r.city));
    Row(out, "地址", r.address_as_given.empty() ? "（登记信息无地址，投诉人未提供）"
                                                : E(r.address_as_given) + "（投诉人提供）");
    Row(out, "执业状态", StatusText(r.status));
    if (!r.valid_from.empty() || !r.valid_until.empty()) {
      Row(out, "有效期", E(r.valid_from) + " 至 " + E(r.valid_until));
    }
    Row(out, "信息来源", "医疗机构登记信息（jianmei registry）");
  } else {
    Row(out, "地址", r.address_as_given.empty() ? "（未填写）" : E(r.address_as_given) + "（投诉人提供）");
    Row(out, "登记信息", "未能对应到唯一的登记机构：" + E(r.note));
  }
  *out += "</table>\n";
}

void RenderFacts(std::string* out, const ComplaintFiling& f) {
  const Complaint& c = f.complaint;
  *out += "<h2>三、事实经过</h2>\n<table>\n";
  Row(out, "发生日期", OrNone(c.date));
  Row(out, "医疗美容项目", E(c.procedure));
  Row(out, "经过", E(c.narrative));
  Row(out, "支付金额", c.paid_cents < 0 ? "（未填写）" : FormatYuan(c.paid_cents));
  std::string harms;
  for (const std::string& h : c.harms) harms += (harms.empty() ? "" : "\n") + ("· " + E(h));
  Row(out, "损害后果", harms.empty() ? "（未填写）" : harms);
  if (!c.appraisal.empty()) Row(out, "鉴定意见", E(c.appraisal));
  Row(out, "记录时间", E(f.recorded_at) + "（证据日志条目 " + std::to_string(f.complaint_index) + "）");
  *out += "</table>\n<h2>四、投诉请求（诉求）</h2>\n";
  if (c.requests.empty()) {
    *out += "<p>（未填写）</p>\n";
  } else {
    *out += "<ol>\n";
    for (const std::string& r : c.requests) *out += "<li>" + E(r) + "</li>\n";
    *out += "</ol>\n";
  }
}

void RenderRules(std::string* out, const ComplaintFiling& f) {
  *out += "<h2>五、被投诉人违反的规定（系统比对结果）</h2>\n<p>" + E(f.engine_note) + "</p>\n";
  *out += "<h3>（一）资质判断：被投诉人能否开展「" + E(f.complaint.procedure) + "」</h3>\n";
  if (!f.qualification) {
    *out += "<p>无法判断：" + E(f.qualification_note) + "</p>\n";
  } else {
    const FilingQualification& q = *f.qualification;
    *out += "<p>结论：<b>" + std::string(OutcomeText(q.outcome)) + "</b>。项目按「" +
            E(q.procedure_name) + "」判断" +
            (q.grade > 0 ? "，属" + std::to_string(q.grade) + "级项目" : std::string()) + "。</p>\n";
    for (const FilingRule& r : q.reasons) RenderRule(out, r);
    if (!q.missing.empty()) {
      std::string m;
      for (const std::string& x : q.missing) m += (m.empty() ? "" : "、") + E(x);
      *out += "<p>登记信息缺少：" + m + "</p>\n";
    }
  }
  *out += "<h3>（二）所引帖文的筛查结果</h3>\n";
  if (f.posts.empty()) *out += "<p>本投诉未引用截取的帖文。</p>\n";
  for (const ScreenedPost& p : f.posts) {
    *out += "<p>证据条目 " + std::to_string(p.index) + "：" + VerdictText(p.verdict) +
            "（风险分 " + std::to_string(p.risk) + "），发现 " + std::to_string(p.findings.size()) +
            " 项问题。</p>\n";
    for (const FilingRule& r : p.findings) RenderRule(out, r);
  }
}

const std::vector<Hash>* FindProof(const Bundle& b, uint64_t index) {
  for (const BundleEntry& e : b.entries) {
    if (e.index == index) return &e.proof;
  }
  return nullptr;
}

bool IsImage(std::string_view media_type) {
  return media_type == "image/png" || media_type == "image/jpeg" || media_type == "image/webp" ||
         media_type == "image/gif";
}

void RenderEvidence(std::string* out, const ComplaintFiling& f) {
  *out += "<h2>六、证据</h2>\n<p>下列每条记录都在签名的证据日志中（见第八部分），附有其包含证明；"
          "附件的 SHA-256 已与记录核对一致。</p>\n";
  int n = 0;
  for (const VerifiedEntry& v : f.verified.entries) {
    const Entry& e = v.entry;
    *out += "<h3>证据 " + std::to_string(++n) + "：条目 " + std::to_string(v.index) + "（" +
            EntryKindText(e.kind) + "）</h3>\n<table>\n";
    if (!e.platform.empty()) Row(out, "平台", E(e.platform));
    if (!e.author.empty()) Row(out, "发布账号", E(e.author));
    if (!e.url.empty()) Row(out, "网址", "<span class=\"hash\">" + E(e.url) + "</span>");
    if (!e.posted_at.empty()) Row(out, "发布时间", E(e.posted_at));
    Row(out, "截取时间", E(e.recorded_at));
    Row(out, e.kind == EntryKind::kComplaint ? "经过" : "内容", E(e.text));
    Row(out, "叶哈希", "<span class=\"hash\">" + ToHex(v.leaf) + "</span>");
    const std::vector<Hash>* proof = FindProof(f.bundle, v.index);
    std::string p;
    if (proof) {
      for (const Hash& h : *proof) p += (p.empty() ? "" : "\n") + ToHex(h);
    }
    Row(out, "包含证明", "<span class=\"hash\">" + (p.empty() ? std::string("（树中仅此一条，无需路径）") : p) +
                             "</span>");
    for (const Attachment& a : e.attachments) {
      Row(out, "附件", E(a.name) + "（" + E(a.media_type) + "，" + std::to_string(a.size) +
                           " 字节）\n<span class=\"hash\">SHA-256 " + ToHex(a.sha256) + "</span>");
    }
    *out += "</table>\n";
    for (const Attachment& a : e.attachments) {
      auto blob = f.bundle.blobs.find(a.sha256);
      if (!IsImage(a.media_type) || blob == f.bundle.blobs.end()) continue;
      *out += "<div class=\"figure\"><img alt=\"" + E(a.name) + "\" src=\"data:" + a.media_type +
              ";base64," + Base64Encode(blob->second) + "\"><div class=\"small\">图：" + E(a.name) +
              "（条目 " + std::to_string(v.index) + "）</div></div>\n";
    }
  }
}

void RenderChannels(std::string* out, const ComplaintFiling& f) {
  *out += "<h2>七、投诉渠道</h2>\n<p>" + E(f.channels_note) + "</p>\n";
  for (const FilingChannel& c : f.channels) {
    *out += "<table>\n";
    Row(out, "渠道", "<b>" + E(c.name) + "</b>");
    Row(out, "联系方式", E(c.contact));
    Row(out, "职责", E(c.handles));
    std::string rel;
    for (const std::string& r : c.relevant) rel += (rel.empty() ? "" : "；") + E(r);
    Row(out, "本投诉相关问题", rel.empty() ? "（本投诉的比对结果中没有属于其专门职责的问题，可作一般投诉）" : rel);
    Row(out, "资料来源", "<span class=\"small\">" + E(c.source) + "（" + CertaintyText(c.certainty) +
                             "）</span>");
    *out += "</table>\n";
  }
}

void RenderVerification(std::string* out, const ComplaintFiling& f) {
  const BundleReport& r = f.verified;
  *out += "<h2>八、证据核验说明</h2>\n<table>\n";
  Row(out, "日志标识", "<span class=\"hash\">" + E(r.checkpoint.origin) + "</span>");
  Row(out, "树规模", std::to_string(r.checkpoint.size));
  Row(out, "根哈希", "<span class=\"hash\">" + ToHex(r.checkpoint.root) + "</span>");
  Row(out, "签名公钥", "<span class=\"hash\">" + E(r.verifier_key) + "</span>");
  Row(out, "签名者认证", r.authenticated ? "已认证：" + E(r.trust_basis) : "未认证：" + E(r.trust_basis));
  if (r.timestamp) {
    Row(out, "可信时间戳", E(r.timestamp->gen_time) + "（RFC 3161，序列号 " + E(r.timestamp->serial) + "）");
  } else {
    Row(out, "可信时间戳", "无");
  }
  Row(out, "报告生成时间", E(f.generated_at));
  *out += "</table>\n<div class=\"verify\">" + E(f.verify_instructions) + "</div>\n";
}

}  // namespace

std::string FormatYuan(int64_t fen) {
  std::string whole = std::to_string(fen / 100);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<size_t>(i), ",");
  const int64_t cents = fen % 100;
  return whole + "." + (cents < 10 ? "0" : "") + std::to_string(cents) + " 元";
}

std::string RenderComplaintReport(const ComplaintFiling& f) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                    "<title>医疗美容投诉书</title>" + std::string(kStyle) + "</head><body>\n";
  if (!f.verified.authenticated) {
    out += "<p class=\"warn\">未认证：未核实证据日志签名者的身份（" + E(f.verified.trust_basis) +
           "），本报告不能证明证据来自哪个日志。</p>\n";
  }
  out += "<h1>医疗美容投诉书</h1>\n<p class=\"sub\">投诉记录：证据日志条目 " +
         std::to_string(f.complaint_index) + " · 日志 " + E(f.verified.checkpoint.origin) + "</p>\n";
  out += "<h2>一、投诉人</h2>\n<table>\n";
  Row(&out, "姓名", OrNone(f.complaint.complainant_name));
  Row(&out, "联系方式", OrNone(f.complaint.complainant_contact));
  out += "</table>\n";
  RenderRespondent(&out, f.respondent);
  RenderFacts(&out, f);
  RenderRules(&out, f);
  RenderEvidence(&out, f);
  RenderChannels(&out, f);
  RenderVerification(&out, f);
  out += "</body></html>\n";
  return out;
}

}  // namespace jianmei::evidence
