#include "cli/complaint_filing_builder.h"

#include <algorithm>
#include <set>

#include "evidence/complaint.h"
#include "store/evidence_export.h"

namespace jianmei::cli {
namespace {

namespace ev = jianmei::evidence;

std::vector<ev::FilingBasis> Basis(const std::vector<const kb::Law*>& laws) {
  std::vector<ev::FilingBasis> out;
  for (const kb::Law* l : laws) out.push_back({l->cite, l->summary, kb::CertaintyName(l->prov.certainty)});
  return out;
}

std::string CategoryTitle(const kb::Knowledge& kb, Category c) {
  if (const kb::CategoryNote* n = kb.FindCategoryNote(c)) return n->title;
  return std::string(CategoryName(c));
}

// What each check of a qualification is about, as the report names it.
std::string CheckTitle(std::string_view check) {
  static const std::pair<std::string_view, const char*> kChecks[] = {
      {"procedure", "项目本身"}, {"venue", "机构类别"},    {"status", "执业状态"},
      {"validity", "许可有效期"}, {"grade", "项目级别与机构类别"}, {"department", "诊疗科目"},
      {"project", "备案项目"},   {"name", "项目名称"}};
  for (const auto& [k, title] : kChecks) {
    if (k == check) return title;
  }
  return std::string(check);
}

std::string EffectText(registry::Outcome o) {
  switch (o) {
    case registry::Outcome::kAllowed: return "符合";
    case registry::Outcome::kNotAllowed: return "不符合";
    case registry::Outcome::kUnknown: return "无法判断";
  }
  return "";
}

ev::Respondent ResolveRespondent(const FilingInputs& in, const ev::Complaint& c) {
  ev::Respondent r;
  r.as_named = c.institution;
  r.address_as_given = c.institution_address;
  if (!in.directory) {
    r.note = "尚未导入医疗机构登记信息（jianmei registry import）";
    return r;
  }
  auto resolved = ResolveInstitution(*in.directory, c.institution);
  if (!resolved.ok()) {
    r.note = "登记信息无法读取：" + resolved.status().message();
    return r;
  }
  const std::vector<registry::Institution>& found = *resolved;
  if (found.empty()) {
    r.note = "登记信息中没有名称、别名或许可证号为「" + c.institution + "」的机构";
    return r;
  }
  if (found.size() > 1) {
    r.note = "「" + c.institution + "」对应 " + std::to_string(found.size()) + " 家登记机构：";
    for (size_t i = 0; i < found.size(); ++i) {
      r.note += (i ? "、" : "") + found[i].name + "（" + found[i].licence + "）";
    }
    return r;
  }
  const registry::Institution& i = found[0];
  r.resolved = true;
  r.licence = i.licence;
  r.name = i.name;
  r.type = i.type;
  r.city = i.city;
  r.status = registry::RecordStatusName(i.status);
  r.valid_from = i.valid_from.iso;
  r.valid_until = i.valid_until.iso;
  return r;
}

ev::FilingQualification Qualification(const kb::Knowledge& kb, const registry::Qualification& q) {
  ev::FilingQualification out;
  out.outcome = registry::OutcomeName(q.outcome);
  out.procedure_name = q.procedure_name;
  out.grade = q.grade;
  out.missing = q.missing;
  for (const registry::Reason& r : q.reasons) {
    ev::FilingRule rule;
    rule.title = CheckTitle(r.check) + "：" + EffectText(r.effect);
    if (r.effect == registry::Outcome::kNotAllowed && q.outcome == registry::Outcome::kNotAllowed) {
      rule.title += "（" + CategoryTitle(kb, q.category) + "）";
    }
    rule.rule = r.rule;
    rule.explanation = r.message;
    rule.certainty = kb::CertaintyName(r.certainty);
    rule.basis = Basis(r.basis);
    out.reasons.push_back(std::move(rule));
  }
  return out;
}

Result<ev::ScreenedPost> ScreenPost(const FilingInputs& in, const ev::VerifiedEntry& v,
                                    screen::Pipeline::Scratch& scratch) {
  auto report = in.pipeline->Screen(v.entry.text, scratch);
  if (!report.ok()) return report.status();
  ev::ScreenedPost post;
  post.index = v.index;
  post.verdict = screen::VerdictName(report->verdict);
  post.risk = report->risk;
  for (const screen::Finding& f : report->findings) {
    ev::FilingRule rule;
    rule.title = CategoryTitle(*in.kb, f.category);
    rule.category = std::string(CategoryName(f.category));
    rule.rule = f.rule;
    rule.severity = std::string(SeverityName(f.severity));
    rule.quote = std::string(f.span.Slice(screen::SourceText(*report, v.entry.text, f.image)));
    rule.explanation = f.explanation;
    rule.certainty = kb::CertaintyName(f.certainty);
    rule.basis = Basis(f.basis);
    post.findings.push_back(std::move(rule));
  }
  return post;
}

// The channels of the knowledge base, each with the titles of this complaint's findings (and
// the qualification's broken rule) that fall in its categories.
std::vector<ev::FilingChannel> Channels(const kb::Knowledge& kb, const ev::ComplaintFiling& f,
                                        std::optional<Category> qualification_category) {
  std::vector<std::pair<Category, std::string>> found;  // category, title; in report order
  auto note = [&](Category c) {
    const std::string title = CategoryTitle(kb, c);
    if (std::none_of(found.begin(), found.end(), [&](const auto& x) { return x.first == c; })) {
      found.emplace_back(c, title);
    }
  };
  if (qualification_category) note(*qualification_category);
  for (const ev::ScreenedPost& p : f.posts) {
    for (const ev::FilingRule& r : p.findings) note(*ParseCategory(r.category));
  }
  const std::string city = f.respondent.city.empty() ? "当地" : f.respondent.city;
  std::vector<ev::FilingChannel> out;
  for (const kb::ComplaintChannel& c : kb.complaint_channels()) {
    ev::FilingChannel ch;
    ch.name = kb::FillWording(c.name, {{"city", city}});
    ch.contact = c.contact;
    ch.handles = c.handles;
    ch.source = c.prov.source;
    ch.certainty = kb::CertaintyName(c.prov.certainty);
    for (const auto& [category, title] : found) {
      if (c.categories.empty() ||
          std::find(c.categories.begin(), c.categories.end(), category) != c.categories.end()) {
        ch.relevant.push_back(title);
      }
    }
    out.push_back(std::move(ch));
  }
  return out;
}

}  // namespace

Result<std::vector<registry::Institution>> ResolveInstitution(const registry::Directory& dir,
                                                              std::string_view text) {
  auto by_licence = dir.FindByLicence(text);
  if (!by_licence.ok()) return by_licence.status();
  if (*by_licence) return std::vector<registry::Institution>{std::move(**by_licence)};
  return dir.FindByName(text);
}

Result<ev::ComplaintFiling> BuildComplaintFiling(const FilingInputs& in, uint64_t complaint_index) {
  auto entry = in.log->GetEntry(complaint_index);
  if (!entry.ok()) return entry.status();
  if (entry->kind != ev::EntryKind::kComplaint) {
    return Status::InvalidArgument("entry " + std::to_string(complaint_index) +
                                   " is a capture, not a complaint");
  }
  auto complaint = ev::ParseComplaint(entry->body);
  if (!complaint.ok()) {
    return Status::Corruption("entry " + std::to_string(complaint_index) + ": " +
                              complaint.status().message());
  }
  ev::ComplaintFiling f;
  f.complaint_index = complaint_index;
  f.complaint = std::move(*complaint);
  f.recorded_at = entry->recorded_at;
  f.generated_at = in.generated_at;

  // The evidence: the complaint and what it cites, verified with the log's own key.
  const uint64_t which[] = {complaint_index};
  auto bundle = store::ExportBundle(*in.log, which);
  if (!bundle.ok()) return bundle.status();
  auto verified = ev::VerifyBundle(*bundle, {{in.log->verifier()}, ""});
  if (!verified.ok()) return verified.status();
  f.bundle = std::move(*bundle);
  f.verified = std::move(*verified);

  f.respondent = ResolveRespondent(in, f.complaint);
  std::optional<Category> qualification_category;
  if (f.respondent.resolved) {
    auto q = in.directory->Qualify(f.respondent.licence, f.complaint.procedure, in.today);
    if (q.ok()) {
      f.qualification = Qualification(*in.kb, *q);
      if (q->outcome == registry::Outcome::kNotAllowed) qualification_category = q->category;
    } else {
      f.qualification_note = q.status().message();
    }
  } else {
    f.qualification_note = "被投诉人未能对应到唯一的登记机构，无法按登记信息判断。";
  }

  auto scratch = in.pipeline->NewScratch();
  if (!scratch.ok()) return scratch.status();
  const std::set<uint64_t> cited(f.complaint.evidence_ids.begin(), f.complaint.evidence_ids.end());
  for (const ev::VerifiedEntry& v : f.verified.entries) {
    if (v.entry.kind != ev::EntryKind::kCapture || !cited.count(v.index) || v.entry.text.empty()) continue;
    auto post = ScreenPost(in, v, **scratch);
    if (!post.ok()) return post.status();
    f.posts.push_back(std::move(*post));
  }

  const kb::Knowledge& kb = *in.kb;
  f.engine_note = kb::FillWording(kb.WordingText("wording.complaint.engine_note"),
                                  {{"kb_version", kb.version()}});
  f.channels_note = kb.WordingText("wording.complaint.channels_note");
  f.channels = Channels(kb, f, qualification_category);
  f.verify_instructions = kb::FillWording(
      kb.WordingText("wording.complaint.verify"),
      {{"bundle", in.bundle_name},
       {"origin", f.verified.checkpoint.origin},
       {"size", std::to_string(f.verified.checkpoint.size)},
       {"root", ev::ToHex(f.verified.checkpoint.root)},
       {"key", f.verified.verifier_key}});
  if (f.channels.empty() || f.verify_instructions.empty()) {
    return Status::InvalidArgument(
        "the knowledge base has no complaint channels or report wordings (kb/complaint_channels.toml)");
  }
  return f;
}

}  // namespace jianmei::cli
