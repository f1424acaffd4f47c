#include "registry/directory.h"

#include <algorithm>
#include <map>

#include "registry/name_cores.h"

namespace jianmei::registry {
namespace {

int HanCount(const std::string& s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // code points; cores are Han in practice
  return n;
}

}  // namespace

std::shared_ptr<const Directory> Directory::Create(std::shared_ptr<const kb::Knowledge> kb,
                                                   std::vector<Institution> institutions,
                                                   std::vector<Doctor> doctors) {
  std::shared_ptr<Directory> d(new Directory());
  d->kb_ = std::move(kb);
  d->institutions_ = std::move(institutions);
  d->doctors_ = std::move(doctors);
  std::map<std::string, size_t> core_index;  // ordered: cores in a stable order
  d->search_keys_.reserve(d->institutions_.size());
  for (size_t i = 0; i < d->institutions_.size(); ++i) {
    const Institution& inst = d->institutions_[i];
    d->by_licence_.emplace(inst.licence, i);
    // Folded like the query, so that a licence with letters is found whatever their case.
    std::string keys = d->Fold(inst.name) + '\n' + d->Fold(inst.licence);
    d->by_name_.emplace(d->Fold(inst.name), i);
    for (const std::string& a : inst.aliases) {
      d->by_name_.emplace(d->Fold(a), i);
      keys += '\n' + d->Fold(a);
    }
    d->search_keys_.push_back(std::move(keys));
    for (const std::string& core : NameCores(inst)) {
      const std::string folded = d->Fold(core);
      if (folded.empty()) continue;
      d->by_core_.emplace(folded, i);
      auto [it, inserted] = core_index.emplace(folded, d->cores_.size());
      if (inserted) d->cores_.push_back({folded, HanCount(folded) < kStandaloneCoreChars, {}});
      auto& licences = d->cores_[it->second].licences;
      if (std::find(licences.begin(), licences.end(), inst.licence) == licences.end()) {
        licences.push_back(inst.licence);
      }
    }
  }
  // Cores that stand alone first. A short core shared by several institutions (栖梧, for 栖梧医院
  // and 栖梧整形外科医院) followed by an institution word can spell exactly another core, one
  // institution's own alias (栖梧整形); the screener keeps, of two names over the same span, the
  // one listed first (match::Scanner orders equal spans by entry), and the exact name must win.
  std::stable_partition(d->cores_.begin(), d->cores_.end(),
                        [](const NameCore& c) { return !c.needs_suffix; });
  for (size_t i = 0; i < d->doctors_.size(); ++i) d->doctors_at_.emplace(d->doctors_[i].institution, i);
  return d;
}

std::string Directory::Fold(std::string_view s) const { return kb_->normalizer().Fold(s); }

const Institution* Directory::FindByLicence(std::string_view licence) const {
  auto it = by_licence_.find(std::string(licence));
  return it == by_licence_.end() ? nullptr : &institutions_[it->second];
}

std::vector<const Institution*> Directory::FindByName(std::string_view name) const {
  std::vector<const Institution*> out;
  const std::string folded = Fold(name);
  for (const auto* index : {&by_name_, &by_core_}) {
    auto [begin, end] = index->equal_range(folded);
    for (auto it = begin; it != end; ++it) {
      const Institution* inst = &institutions_[it->second];
      if (std::find(out.begin(), out.end(), inst) == out.end()) out.push_back(inst);
    }
    if (!out.empty()) break;
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<const Institution*> Directory::Search(std::string_view q, size_t limit) const {
  std::vector<const Institution*> out;
  const std::string folded = Fold(q);
  if (folded.empty()) return out;
  for (size_t i = 0; i < institutions_.size() && out.size() < limit; ++i) {
    if (search_keys_[i].find(folded) != std::string::npos) out.push_back(&institutions_[i]);
  }
  return out;
}

std::vector<const Doctor*> Directory::DoctorsAt(std::string_view institution_licence) const {
  std::vector<const Doctor*> out;
  auto [begin, end] = doctors_at_.equal_range(std::string(institution_licence));
  for (auto it = begin; it != end; ++it) out.push_back(&doctors_[it->second]);
  std::sort(out.begin(), out.end());
  return out;
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
  const Institution* inst = FindByLicence(institution);
  if (!inst) {
    std::vector<const Institution*> named = FindByName(institution);
    if (named.empty()) {
      return Status::NotFound("no institution with licence or name 「" + std::string(institution) +
                              "」 in the registry");
    }
    if (named.size() > 1) {
      std::string list;
      for (const Institution* i : named) list += "\n  " + i->licence + " " + i->name + " (" + i->city + ")";
      return Status::InvalidArgument("「" + std::string(institution) + "」 names " +
                                     std::to_string(named.size()) +
                                     " institutions; give the licence number of one:" + list);
    }
    inst = named.front();
  }
  return registry::Qualify(*kb_, *inst, **p, today, ambiguous ? procedure : std::string_view());
}

std::string Directory::InstitutionName(std::string_view licence) const {
  const Institution* inst = FindByLicence(licence);
  return inst ? inst->name : std::string();
}

std::string Directory::InstitutionStatus(std::string_view licence) const {
  const Institution* inst = FindByLicence(licence);
  return inst ? RecordStatusName(inst->status) : std::string();
}

std::optional<screen::InstitutionDirectory::Judgement> Directory::JudgeProcedure(
    std::string_view licence, std::string_view procedure_id) const {
  const Institution* inst = FindByLicence(licence);
  const kb::Procedure* p = kb_->FindProcedure(procedure_id);
  if (!inst || !p || p->status != kb::ProcedureStatus::kCatalog) return std::nullopt;  // the screener judges banned names itself
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
  const Doctor* found = nullptr;
  for (const Doctor* d : DoctorsAt(licence)) {
    if (d->name == name) found = d;
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
