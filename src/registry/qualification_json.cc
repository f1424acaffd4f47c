#include "registry/qualification_json.h"

namespace jianmei::registry {

using nlohmann::json;

json QualificationToJson(const Qualification& q) {
  json reasons = json::array();
  for (const Reason& r : q.reasons) {
    json basis = json::array();
    for (const kb::Law* law : r.basis) basis.push_back({{"id", law->id}, {"cite", law->cite}});
    reasons.push_back({{"check", r.check},
                       {"effect", OutcomeName(r.effect)},
                       {"rule", r.rule},
                       {"message", r.message},
                       {"basis", basis},
                       {"certainty", kb::CertaintyName(r.certainty)}});
  }
  json j = {{"outcome", OutcomeName(q.outcome)},
            {"institution", {{"licence", q.institution_licence}, {"name", q.institution_name},
                             {"type", q.institution_type}}},
            {"procedure", {{"id", q.procedure_id}, {"name", q.procedure_name}, {"grade", q.grade}}},
            {"reasons", reasons},
            {"missing", q.missing}};
  if (q.outcome == Outcome::kNotAllowed) j["category"] = CategoryName(q.category);
  if (!q.named_as.empty()) j["procedure"]["named_as"] = q.named_as;  // an ambiguous name
  return j;
}

json InstitutionToJson(const Institution& i) {
  json j = {{"licence", i.licence}, {"name", i.name}, {"type", i.type}, {"city", i.city},
            {"status", RecordStatusName(i.status)}, {"departments", i.departments},
            {"projects", i.projects}, {"aliases", i.aliases}};
  j["level"] = i.level ? json(i.level) : json(nullptr);
  j["valid_from"] = i.valid_from.empty() ? json(nullptr) : json(i.valid_from.iso);
  j["valid_until"] = i.valid_until.empty() ? json(nullptr) : json(i.valid_until.iso);
  return j;
}

json DoctorToJson(const Doctor& d) {
  json specialties = json::array();
  for (const Specialty& s : d.specialties) specialties.push_back({{"name", s.name}, {"since", s.since}});
  return {{"licence", d.licence}, {"name", d.name}, {"institution", d.institution},
          {"specialties", specialties}, {"status", RecordStatusName(d.status)}};
}

}  // namespace jianmei::registry
