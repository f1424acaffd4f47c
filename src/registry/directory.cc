#include "registry/directory.h"

#include <algorithm>

#include "registry/memory_source.h"
#include "registry/name_keys.h"

namespace jianmei::registry {
namespace {

// The longer keys one matched beginning may stand for that are checked against the text. Four
// Han characters begin a few keys each in the register's names (at most a few dozen: the
// villages of one township); past this many a name is missed rather than the post slowed.
constexpr size_t kMaxCompletions = 256;

struct MatcherScratch final : screen::InstitutionDirectory::NameScratch {
  std::unique_ptr<NameMatcher::Scratch> scan;
  std::vector<NameMatcher::Match> matches;
};

}  // namespace

std::shared_ptr<const Directory> Directory::Create(std::shared_ptr<const kb::Knowledge> kb,
                                                   std::vector<Institution> institutions,
                                                   std::vector<Doctor> doctors) {
  auto source = std::make_shared<MemorySource>(kb->normalizer(), std::move(institutions), std::move(doctors));
  std::vector<std::string> keys;
  (void)source->ForEachCore([&](std::string_view k) { keys.emplace_back(k); });
  auto names = NameMatcher::Compile(keys, FoldedInstitutionWords(kb->normalizer()));
  auto d = Open(std::move(kb), std::move(source), names.ok() ? *names : nullptr);
  if (!names.ok()) std::const_pointer_cast<Directory>(d)->names_status_ = names.status();
  return d;
}

std::shared_ptr<const Directory> Directory::Open(std::shared_ptr<const kb::Knowledge> kb,
                                                 std::shared_ptr<const RecordSource> source,
                                                 std::shared_ptr<const NameMatcher> names) {
  std::shared_ptr<Directory> d(new Directory());
  d->kb_ = std::move(kb);
  d->source_ = std::move(source);
  d->names_ = std::move(names);
  return d;
}

std::string Directory::Fold(std::string_view s) const { return kb_->normalizer().Fold(s); }

Result<std::optional<Institution>> Directory::FindByLicence(std::string_view licence) const {
  return source_->InstitutionByLicence(licence);
}

Result<std::vector<Institution>> Directory::FindByName(std::string_view name) const {
  auto exact = source_->InstitutionsByName(Fold(name));
  if (!exact.ok() || !exact->empty()) return exact;
  auto licences = source_->LicencesByCore(MatchKey(kb_->normalizer(), name));
  if (!licences.ok()) return licences.status();
  std::vector<Institution> out;
  for (const std::string& l : *licences) {
    auto inst = source_->InstitutionByLicence(l);
    if (!inst.ok()) return inst.status();
    if (*inst) out.push_back(std::move(**inst));
  }
  return out;
}

Result<std::vector<Institution>> Directory::Search(std::string_view q, size_t limit) const {
  const std::string folded = Fold(q);
  if (folded.empty()) return std::vector<Institution>();
  return source_->Search(folded, limit);
}

Result<std::vector<Doctor>> Directory::DoctorsAt(std::string_view institution_licence) const {
  return source_->DoctorsAt(institution_licence);
}

Result<std::unique_ptr<screen::InstitutionDirectory::NameScratch>> Directory::NewNameScratch() const {
  auto s = std::make_unique<MatcherScratch>();
  if (names_) {
    auto scan = names_->NewScratch();
    if (!scan.ok()) return scan.status();
    s->scan = std::move(*scan);
  }
  return std::unique_ptr<NameScratch>(std::move(s));
}

Status Directory::FindNames(std::string_view folded, NameScratch& scratch, std::vector<NameHit>* out) const {
  out->clear();
  if (!names_) return names_status_;
  auto& s = static_cast<MatcherScratch&>(scratch);
  const NameMatcher::Completions complete = [&](std::string_view prefix, std::vector<std::string>* keys) {
    auto found = source_->CoresStartingWith(prefix, kMaxCompletions);
    if (!found.ok()) return found.status();
    *keys = std::move(*found);
    return Status::Ok();
  };
  if (Status st = names_->Find(folded, *s.scan, complete, &s.matches); !st.ok()) return st;
  for (const NameMatcher::Match& m : s.matches) {
    NameHit hit;
    hit.span = {m.begin, m.end};
    hit.core = std::string(folded.substr(m.begin, m.key_bytes));
    auto licences = source_->LicencesByCore(hit.core);
    if (!licences.ok()) return licences.status();
    if (licences->empty()) continue;  // a name the registry no longer holds
    hit.licences = std::move(*licences);
    out->push_back(std::move(hit));
  }
  return Status::Ok();
}

Result<const kb::Procedure*> Directory::ResolveProcedure(std::string_view name,
                                                         bool* ambiguous) const {
  const kb::TermOwner* owner = kb_->Resolve(name);
  if (ambiguous) *ambiguous = owner && owner->ambiguous;
  if (owner && owner->ref.kind == kb::EntityRef::Kind::kProcedure) {
    return &kb_->procedures()[owner->ref.index];
  }
  if (owner && owner->ref.kind == kb::EntityRef::Kind::kProduct) {
    const kb::Product& product = kb_->products()[owner->ref.index];
    if (const kb::Procedure* p = kb_->FindProcedure(product.procedure)) return p;
    return Status::NotFound("「" + std::string(name) + "」is a product (" + product.name +
                            ") that the knowledge base ties to no procedure");
  }
  return Status::NotFound("「" + std::string(name) + "」is no procedure the knowledge base knows");
}

Result<Qualification> Directory::Qualify(std::string_view institution, std::string_view procedure,
                                         const Date& today) const {
  bool ambiguous = false;
  auto p = ResolveProcedure(procedure, &ambiguous);
  if (!p.ok()) return p.status();
  auto by_licence = FindByLicence(institution);
  if (!by_licence.ok()) return by_licence.status();
  std::optional<Institution> inst = std::move(*by_licence);
  if (!inst) {
    auto named = FindByName(institution);
    if (!named.ok()) return named.status();
    if (named->empty()) {
      return Status::NotFound("no institution with licence or name 「" + std::string(institution) +
                              "」 in the registry");
    }
    if (named->size() > 1) {
      std::string list;
      for (const Institution& i : *named) list += "\n  " + i.licence + " " + i.name + " (" + i.city + ")";
      return Status::InvalidArgument("「" + std::string(institution) + "」 names " +
                                     std::to_string(named->size()) +
                                     " institutions; give the licence number of one:" + list);
    }
    inst = std::move(named->front());
  }
  return registry::Qualify(*kb_, *inst, **p, today, ambiguous ? procedure : std::string_view());
}

std::string Directory::InstitutionName(std::string_view licence) const {
  auto inst = FindByLicence(licence);
  return inst.ok() && *inst ? (*inst)->name : std::string();
}

std::string Directory::InstitutionStatus(std::string_view licence) const {
  auto inst = FindByLicence(licence);
  return inst.ok() && *inst ? RecordStatusName((*inst)->status) : std::string();
}

std::optional<screen::InstitutionDirectory::Judgement> Directory::JudgeProcedure(
    std::string_view licence, std::string_view procedure_id) const {
  auto found = FindByLicence(licence);
  if (!found.ok() || !*found) return std::nullopt;
  const Institution* inst = &**found;
  const kb::Procedure* p = kb_->FindProcedure(procedure_id);
  if (!p || p->status != kb::ProcedureStatus::kCatalog) return std::nullopt;  // the screener judges banned names itself
  Qualification q = registry::Qualify(*kb_, *inst, *p, Today());
  if (q.outcome != Outcome::kNotAllowed) return std::nullopt;
  Judgement j;
  j.category = q.category;
  j.severity = q.category == Category::kUnlicensedProvider ? Severity::kCritical : Severity::kHigh;
  j.rule = q.category == Category::kUnlicensedProvider ? "registry.unlicensed_provider"
                                                        : "registry.beyond_licence_scope";
  j.certainty = kb::Certainty::kVerified;
  std::string why;
  for (const Reason& r : q.reasons) {
    if (r.effect != Outcome::kNotAllowed) continue;
    why += r.message;
    for (const kb::Law* law : r.basis) {
      if (std::find(j.basis.begin(), j.basis.end(), law->id) == j.basis.end()) j.basis.push_back(law->id);
    }
    j.certainty = std::max(j.certainty, r.certainty);
  }
  j.explanation = "登记中的「" + inst->name + "」（" + inst->licence + "）不得开展「" + p->name + "」：" + why;
  return j;
}

std::optional<screen::InstitutionDirectory::Judgement> Directory::JudgeDoctor(
    std::string_view licence, std::string_view name, std::string_view specialty) const {
  const kb::PracticeRule* unregistered = kb_->FindPracticeRule(kb::PracticeCase::kDoctorUnregistered);
  const kb::PracticeRule* not_attending = kb_->FindPracticeRule(kb::PracticeCase::kDoctorNotAttending);
  const std::string where = InstitutionName(licence);
  auto doctors = DoctorsAt(licence);
  if (!doctors.ok()) return std::nullopt;
  const Doctor* found = nullptr;
  for (const Doctor& d : *doctors) {
    if (d.name == name) found = &d;
  }
  Judgement j;
  j.category = Category::kFalseCredentials;
  j.severity = Severity::kMedium;
  if (!found) {
    if (!unregistered) return std::nullopt;
    j.rule = "registry.doctor_unregistered";
    j.explanation = "「" + std::string(name) + "」不是登记中「" + where + "」的医师。" + unregistered->explanation;
    j.basis = unregistered->basis;
    j.certainty = unregistered->prov.certainty;
    return j;
  }
  if (!not_attending) return std::nullopt;
  const bool revoked = found->status != RecordStatus::kValid;
  const bool attending = specialty.empty() ? !found->specialties.empty()
                         : std::any_of(found->specialties.begin(), found->specialties.end(),
                                       [&](const Specialty& s) { return s.name == specialty; });
  if (attending && !revoked) return std::nullopt;
  j.rule = "registry.doctor_not_attending";
  j.severity = revoked ? Severity::kHigh : Severity::kMedium;
  // With no procedure named, a 主诊医师 is one for the specialties he holds, and one who holds
  // none is one for no specialty at all.
  std::string field(specialty);
  if (field.empty() && attending) {
    for (const Specialty& s : found->specialties) field += (field.empty() ? "" : "、") + s.name;
  } else if (field.empty()) {
    field = "任何医疗美容专业";
  }
  std::string why;
  if (!attending) why = "不是" + field + "的主诊医师";
  if (revoked) {
    why += (why.empty() ? "是" + field + "的主诊医师，但" : "，且") + std::string("执业状态为") +
           RecordStatusName(found->status) + "（" +
           (found->status == RecordStatus::kSuspended ? "暂停执业" : "已吊销或注销") +
           "），这期间不能负责或实施医疗美容项目（通常理解，参考资料没有逐字说明）";
  }
  j.explanation = "登记中的医师「" + found->name + "」（" + found->licence + "）" + why + "。" +
                  not_attending->explanation;
  j.basis = not_attending->basis;
  // That a suspended or revoked doctor may not practise is the standard reading, not a quoted
  // rule (as for institutions: practice-licence-suspended is recalled).
  j.certainty = revoked ? kb::Certainty::kRecalled : not_attending->prov.certainty;
  return j;
}

}  // namespace jianmei::registry
