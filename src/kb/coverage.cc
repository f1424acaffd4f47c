#include "kb/coverage.h"

#include <algorithm>
#include <map>

namespace jianmei::kb {

namespace {

class Counter {
 public:
  explicit Counter(Coverage* out) : out_(out) {}
  void Add(const std::string& kind, Certainty c) {
    auto [it, inserted] = index_.emplace(kind, out_->kinds.size());
    if (inserted) out_->kinds.push_back({kind, 0, {}});
    KindCoverage& k = out_->kinds[it->second];
    ++k.entries;
    ++k.certainty[static_cast<int>(c)];
    ++out_->total[static_cast<int>(c)];
    ++out_->total_entries;
  }

 private:
  Coverage* out_;
  std::map<std::string, size_t> index_;
};

}  // namespace

Coverage MeasureCoverage(const Knowledge& kb) {
  Coverage cov;
  Counter count(&cov);
  for (const Law& e : kb.laws()) count.Add("law", e.prov.certainty);
  for (const Procedure& e : kb.procedures()) {
    count.Add(std::string("procedure (") + ProcedureStatusName(e.status) + ")", e.prov.certainty);
  }
  for (const Product& e : kb.products()) {
    count.Add("product (" + e.kind + ", " + ProductStatusName(e.status) + ")", e.prov.certainty);
    ++cov.products.products;
    cov.products.with_maker += !e.maker.empty();
    cov.products.with_registration += !e.registration.empty();
    cov.products.with_approved_uses += !e.approved_uses.empty();
  }
  for (const Claim& e : kb.claims()) count.Add("claim", e.prov.certainty);
  for (const Signal& e : kb.signals()) count.Add("signal", e.prov.certainty);
  for (const GradeRule& e : kb.grade_rules()) {
    count.Add("grade_rule", e.prov.certainty);
    for (const GradeClause& c : e.allow) count.Add("grade_rule clause", c.certainty);
  }
  for (const DepartmentRule& e : kb.department_rules())
    count.Add("department_rule", e.prov.certainty);
  for (const PracticeRule& e : kb.practice_rules()) count.Add("practice_rule", e.prov.certainty);
  for (const CategoryNote& e : kb.category_notes()) count.Add("category", e.prov.certainty);
  for (const CatalogPart& e : kb.catalog_parts()) count.Add("catalog_part", e.prov.certainty);

  for (const char* specialty : kSpecialties) {
    const bool graded = std::string_view(specialty) == "美容外科";
    for (int grade = graded ? 1 : 0; grade <= (graded ? 4 : 0); ++grade) {
      PartCoverage p;
      p.specialty = specialty;
      p.grade = grade;
      for (const Procedure& e : kb.procedures()) {
        if (e.status != ProcedureStatus::kCatalog || e.specialty != specialty || e.grade != grade)
          continue;
        ++p.entries;
        ++p.certainty[static_cast<int>(e.prov.certainty)];
      }
      for (const CatalogPart& c : kb.catalog_parts()) {
        if (c.specialty == specialty && c.grade == grade) p.part = &c;
      }
      if (p.part && p.part->items_stated > 0)
        p.lacking = std::max(0, p.part->items_stated - p.entries);
      cov.parts.push_back(std::move(p));
    }
  }
  return cov;
}

}  // namespace jianmei::kb
