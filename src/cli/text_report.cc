#include "cli/text_report.h"

#include <fmt/format.h>

#include "text/normalized_text.h"

namespace jianmei::cli {
namespace {

const char* VerdictZh(screen::Verdict v) {
  switch (v) {
    case screen::Verdict::kClean: return "未发现问题";
    case screen::Verdict::kSuspect: return "可疑";
    case screen::Verdict::kViolation: return "违法违规";
  }
  return "?";
}

}  // namespace

void PrintReport(const screen::Report& r, std::string_view text, std::ostream& out) {
  out << fmt::format("判定 verdict: {} ({})   风险 risk: {}   推广 promotional: {}\n",
                     VerdictZh(r.verdict), screen::VerdictName(r.verdict), r.risk,
                     r.promotional ? "是 yes" : "否 no");
  int n = 0;
  for (const screen::Finding& f : r.findings) {
    out << fmt::format("  {}. [{}] {}  ({})  bytes {}–{}: 「{}」\n", ++n, SeverityName(f.severity),
                       CategoryName(f.category), f.rule, f.span.begin, f.span.end,
                       f.span.Slice(screen::SourceText(r, text, f.image)));
    if (f.image >= 0) {
      out << fmt::format("     图片 image {} ({}), box [{}, {}, {}, {}], OCR confidence {:.2f}\n", f.image,
                         r.images[size_t(f.image)].name, f.box.x, f.box.y, f.box.w, f.box.h,
                         f.ocr_confidence);
    }
    if (f.has_entity) {
      out << fmt::format("     对象: {} [{}{}]\n", f.entity.name, f.entity.status,
                         f.entity.grade ? fmt::format(", {}级", f.entity.grade) : "");
    }
    auto evasion = text::EvasionNames(f.evasion);
    if (!evasion.empty()) out << "     规避手法 evasion: " << fmt::format("{}", fmt::join(evasion, ", ")) << "\n";
    out << "     说明: " << f.explanation << "\n";
    for (const kb::Law* law : f.basis) {
      out << fmt::format("     依据: {} — {} [{}]\n", law->cite, law->summary,
                         kb::CertaintyName(law->prov.certainty));
    }
    if (f.certainty == kb::Certainty::kSingle || f.certainty == kb::Certainty::kRecalled) {
      out << fmt::format("     注意: 此项依据的来源确定性为「{}」，引用前请核对原文。\n",
                         kb::CertaintyName(f.certainty));
    }
  }
  if (r.findings.empty() && !r.mentions.empty()) {
    for (const screen::Mention& m : r.mentions) {
      out << fmt::format("  提及 mention: 「{}」 → {} [{}]\n", m.span.Slice(screen::SourceText(r, text, m.image)), m.entity.name,
                         m.entity.status);
    }
  }
  for (size_t i = 0; i < r.images.size(); ++i) {
    if (!r.images[i].error.empty()) {
      out << fmt::format("  图片 image {} ({}) 未读取 not read: {}\n", i, r.images[i].name, r.images[i].error);
    }
  }
  for (const std::string& w : r.warnings) out << "  warning: " << w << "\n";
}

}  // namespace jianmei::cli
