#include "kb/knowledge.h"

namespace jianmei::kb {

const Law* Knowledge::FindLaw(std::string_view id) const {
  auto it = law_index_.find(id);
  return it == law_index_.end() ? nullptr : &laws_[it->second];
}

const Procedure* Knowledge::FindProcedure(std::string_view id) const {
  auto it = procedure_index_.find(id);
  return it == procedure_index_.end() ? nullptr : &procedures_[it->second];
}

const GradeRule* Knowledge::FindGradeRule(int grade) const {
  for (const GradeRule& r : grade_rules_) {
    if (r.grade == grade) return &r;
  }
  return nullptr;
}

const DepartmentRule* Knowledge::FindDepartmentRule(std::string_view specialty) const {
  for (const DepartmentRule& r : department_rules_) {
    if (r.specialty == specialty) return &r;
  }
  return nullptr;
}

const PracticeRule* Knowledge::FindPracticeRule(PracticeCase c) const {
  for (const PracticeRule& r : practice_rules_) {
    if (r.applies == c) return &r;
  }
  return nullptr;
}

const CategoryNote* Knowledge::FindCategoryNote(Category c) const {
  for (const CategoryNote& n : category_notes_) {
    if (n.category == c) return &n;
  }
  return nullptr;
}

const std::string& Knowledge::WordingText(std::string_view id) const {
  static const std::string kNone;
  for (const Wording& w : wordings_) {
    if (w.id == id) return w.text;
  }
  return kNone;
}

const TermOwner* Knowledge::Resolve(std::string_view name) const {
  std::string folded = normalizer_->Fold(name);
  auto it = terms_.find(folded);
  return it == terms_.end() ? nullptr : &it->second;
}

const std::string& Knowledge::IdOf(EntityRef ref) const {
  switch (ref.kind) {
    case EntityRef::Kind::kProcedure: return procedures_[ref.index].id;
    case EntityRef::Kind::kProduct: return products_[ref.index].id;
    case EntityRef::Kind::kClaim: return claims_[ref.index].id;
    case EntityRef::Kind::kSignal: return signals_[ref.index].id;
  }
  static const std::string kUnknown;  // unreachable: every Kind is handled above
  return kUnknown;
}

}  // namespace jianmei::kb
