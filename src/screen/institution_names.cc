#include "screen/institution_names.h"

#include <algorithm>

#include "core/utf8.h"
#include "text/normalizer.h"

namespace jianmei::screen {
namespace {

// Titles a post gives a doctor; longest first so 主任医师 wins over 医师.
constexpr const char* kDoctorTitles[] = {"主任医师", "医生", "医师", "院长", "主任", "教授"};
// Characters that cannot start a name but often stand before one (由王医生, 找林医生, 的李主任).
constexpr std::u32string_view kNotNameStart = U"由找请是的和与及为让给被在位名我你他她本该院科点约跟向对把";

// Byte offsets where the Han characters (at most `max`) ending right before folded offset `end`
// start, first to last, without characters that cannot start a name.
std::vector<size_t> HanBefore(std::string_view folded, size_t end, size_t max) {
  std::vector<size_t> starts;
  size_t pos = end;
  while (starts.size() < max && pos > 0) {
    size_t start = pos - 1;
    while (start > 0 && (static_cast<unsigned char>(folded[start]) & 0xC0) == 0x80) --start;
    size_t len = 0;
    char32_t cp = utf8::Decode(folded, start, &len);
    if (cp == utf8::kInvalid || start + len != pos || !text::IsHan(cp)) break;
    starts.insert(starts.begin(), start);
    pos = start;
  }
  while (!starts.empty()) {
    size_t len = 0;
    if (kNotNameStart.find(utf8::Decode(folded, starts.front(), &len)) == std::u32string_view::npos) break;
    starts.erase(starts.begin());
  }
  return starts;
}

}  // namespace

Result<std::shared_ptr<const InstitutionNames>> InstitutionNames::Create(
    std::shared_ptr<const kb::Knowledge> kb, std::shared_ptr<const InstitutionDirectory> directory) {
  std::shared_ptr<InstitutionNames> n(new InstitutionNames);
  n->kb_ = std::move(kb);
  n->directory_ = std::move(directory);
  return std::shared_ptr<const InstitutionNames>(std::move(n));
}

Result<std::unique_ptr<InstitutionNames::Scratch>> InstitutionNames::NewScratch() const {
  auto s = std::make_unique<Scratch>();
  auto names = directory_->NewNameScratch();
  if (!names.ok()) return names.status();
  s->names = std::move(*names);
  return s;
}

text::NormalizedText InstitutionNames::NormalizeLikeTheScreener(std::string_view text) const {
  return kb_->normalizer().Normalize(text, {.collapse_repeats = true, .pinyin = false});
}

Result<std::vector<InstitutionNames::Named>> InstitutionNames::Find(std::string_view text, Scratch& scratch) const {
  return Find(NormalizeLikeTheScreener(text), scratch);
}

Result<std::vector<InstitutionNames::Named>> InstitutionNames::Find(const text::NormalizedText& nt,
                                                                    Scratch& scratch) const {
  std::vector<Named> out;
  if (Status s = directory_->FindNames(nt.folded, *scratch.names, &scratch.hits); !s.ok()) return s;
  for (InstitutionDirectory::NameHit& h : scratch.hits) {
    out.push_back({nt.ToOriginal(h.span), std::move(h.core), std::move(h.licences)});
  }
  return out;
}

Status InstitutionNames::Annotate(std::string_view text, Scratch& scratch, Report* report) const {
  if (!Judged(*report)) return Status::Ok();
  return Annotate(text, NormalizeLikeTheScreener(text), scratch, report);
}

Status InstitutionNames::Annotate(std::string_view text, const text::NormalizedText& normalized,
                                  Scratch& scratch, Report* report) const {
  (void)text;  // the spans come from `normalized`, which maps back to it
  if (Status s = AddFindings(normalized, scratch, report); !s.ok()) return s;
  ScoreReport(report);
  return Status::Ok();
}

Status InstitutionNames::AddFindings(const text::NormalizedText& normalized, Scratch& scratch,
                                     Report* report) const {
  if (!Judged(*report)) return Status::Ok();
  auto named = Find(normalized, scratch);
  if (!named.ok()) return named.status();
  if (named->empty()) return Status::Ok();
  std::vector<const Mention*> procedures;
  for (const Mention& m : report->mentions) {
    if (m.entity.kind == "procedure") procedures.push_back(&m);
  }
  auto add = [&](const InstitutionDirectory::Judgement& j, Span span, const std::string& licence, bool ambiguous) {
    Finding f;
    f.category = j.category;
    f.rule = j.rule;
    f.severity = j.severity;
    f.span = span;
    f.ambiguous = ambiguous;
    f.has_entity = true;
    f.entity = {"institution", licence, directory_->InstitutionName(licence),
                directory_->InstitutionStatus(licence), 0};
    for (const std::string& id : j.basis) {
      if (const kb::Law* law = kb_->FindLaw(id)) f.basis.push_back(law);
    }
    f.explanation = j.explanation;
    f.certainty = j.certainty;
    report->findings.push_back(std::move(f));
  };
  std::vector<std::string> named_once;  // the licence each unambiguous name means
  for (const Named& n : *named) {
    if (n.licences.size() == 1) named_once.push_back(n.licences[0]);
    for (const Mention* m : procedures) {
      // An ambiguous name is a finding only when every institution it may mean is barred.
      std::vector<InstitutionDirectory::Judgement> judged;
      for (const std::string& licence : n.licences) {
        if (auto j = directory_->JudgeProcedure(licence, m->entity.id)) judged.push_back(std::move(*j));
      }
      if (judged.empty() || judged.size() != n.licences.size()) continue;
      InstitutionDirectory::Judgement j = judged[0];
      if (n.licences.size() > 1) {
        j.explanation = "「" + n.core + "」可能指登记中的" + std::to_string(n.licences.size()) +
                        "家机构，它们都不得开展「" + m->entity.name + "」。例如" + j.explanation;
      }
      add(j, n.span, n.licences[0], n.licences.size() > 1);
    }
  }
  // Doctors: only where the post names exactly one institution, so there is a roster to check.
  std::sort(named_once.begin(), named_once.end());
  named_once.erase(std::unique(named_once.begin(), named_once.end()), named_once.end());
  if (named_once.size() == 1) {
    std::string specialty;
    for (const Mention* m : procedures) {
      if (const kb::Procedure* p = kb_->FindProcedure(m->entity.id); p && !p->specialty.empty()) {
        specialty = p->specialty;
        break;
      }
    }
    // The doctors' names are read from the text the screener folded (repeats collapsed), with
    // the repeats put back (王丽丽), rather than from a second folding of the post.
    const text::NormalizedText& nt = normalized;
    std::vector<std::string> seen;
    for (size_t at = 0; at < nt.folded.size();) {
      size_t best = std::string::npos, title_len = 0;
      for (const char* t : kDoctorTitles) {
        size_t p = nt.folded.find(t, at);
        if (p < best) best = p, title_len = std::char_traits<char>::length(t);
      }
      if (best == std::string::npos) break;
      at = best + title_len;
      const std::vector<size_t> starts = HanBefore(nt.folded, best, 3);
      if (starts.size() < 2) continue;  // a surname alone (王主任) cannot be checked
      auto span = [&](size_t from) { return Span{static_cast<uint32_t>(from), static_cast<uint32_t>(best)}; };
      const std::string full = nt.Uncollapsed(span(starts.front()));
      const std::string tail = nt.Uncollapsed(span(starts[starts.size() - 2]));
      if (std::find(seen.begin(), seen.end(), full) != seen.end()) continue;
      seen.push_back(full);
      // 林知远医生 or, when no 林知远 is registered, 知远 (a 3-character run may start with a
      // word that is not part of the name).
      size_t name_start = starts.front();
      auto j = directory_->JudgeDoctor(named_once[0], full, specialty);
      if (j && starts.size() == 3 && j->rule == "registry.doctor_unregistered") {
        auto tail_j = directory_->JudgeDoctor(named_once[0], tail, specialty);
        if (!tail_j || tail_j->rule != "registry.doctor_unregistered") {
          j = std::move(tail_j);
          name_start = starts[1];
        }
      }
      if (!j) continue;
      add(*j, nt.ToOriginal({static_cast<uint32_t>(name_start), static_cast<uint32_t>(best + title_len)}),
          named_once[0], false);
    }
  }
  std::stable_sort(report->findings.begin(), report->findings.end(), [](const Finding& a, const Finding& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end < b.span.end;
  });
  return Status::Ok();
}

Status InstitutionNames::Annotate(std::string_view text, Report* report) const {
  if (!Judged(*report)) return Status::Ok();
  std::unique_ptr<Scratch> scratch;
  {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (!pool_.empty()) {
      scratch = std::move(pool_.back());
      pool_.pop_back();
    }
  }
  if (!scratch) {
    auto made = NewScratch();
    if (!made.ok()) return made.status();
    scratch = std::move(*made);
  }
  Status s = Annotate(text, *scratch, report);
  std::lock_guard<std::mutex> lock(pool_mu_);
  pool_.push_back(std::move(scratch));
  return s;
}

}  // namespace jianmei::screen
