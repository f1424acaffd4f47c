#include "server/procedure_json.h"

#include <algorithm>

namespace jianmei::server {

std::vector<const kb::Procedure*> SearchProcedures(const screen::Screener& screener,
                                                   screen::Screener::Scratch& scratch,
                                                   std::string_view q, size_t limit) {
  const kb::Knowledge& kb = screener.knowledge();
  std::vector<const kb::Procedure*> out;
  auto add = [&](const kb::Procedure* p) {
    if (p && out.size() < limit && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  };
  if (const kb::TermOwner* owner = kb.Resolve(q)) {
    if (owner->ref.kind == kb::EntityRef::Kind::kProcedure) add(&kb.procedures()[owner->ref.index]);
    if (owner->ref.kind == kb::EntityRef::Kind::kProduct) {
      add(kb.FindProcedure(kb.products()[owner->ref.index].procedure));
    }
  }
  if (auto report = screener.Screen(q, scratch); report.ok()) {
    for (const screen::Mention& m : report->mentions) {
      if (m.entity.kind == "procedure") add(kb.FindProcedure(m.entity.id));
      else if (const kb::TermOwner* o = kb.Resolve(m.span.Slice(q));
               o && o->ref.kind == kb::EntityRef::Kind::kProduct) {
        add(kb.FindProcedure(kb.products()[o->ref.index].procedure));
      }
    }
  }
  for (const kb::Procedure& p : kb.procedures()) {
    if (out.size() >= limit) break;
    bool hit = p.name.find(q) != std::string::npos;
    for (const std::string& a : p.aliases) hit = hit || a.find(q) != std::string::npos;
    if (hit) add(&p);
  }
  return out;
}

nlohmann::json ProcedureSummaryJson(const kb::Procedure& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"status", kb::ProcedureStatusName(p.status)},
          {"banned", p.status == kb::ProcedureStatus::kBanned},
          {"grade", p.grade},
          {"specialty", p.specialty}};
}

nlohmann::json BasisJson(const kb::Knowledge& kb, const std::vector<std::string>& law_ids) {
  nlohmann::json basis = nlohmann::json::array();
  for (const std::string& id : law_ids) {
    if (const kb::Law* law = kb.FindLaw(id)) {
      basis.push_back({{"id", law->id},
                       {"cite", law->cite},
                       {"summary", law->summary},
                       {"certainty", kb::CertaintyName(law->prov.certainty)}});
    }
  }
  return basis;
}

nlohmann::json ProcedureDetailJson(const kb::Knowledge& kb, const kb::Procedure& p) {
  nlohmann::json j = ProcedureSummaryJson(p);
  j["aliases"] = p.aliases;
  j["summary"] = p.summary;
  j["risks"] = p.risks;
  j["note"] = p.note;
  // Who may perform it: nobody when banned or outside the catalog; by grade otherwise.
  nlohmann::json institutions = nlohmann::json::array();
  if (p.status == kb::ProcedureStatus::kCatalog && p.grade > 0) {
    if (const kb::GradeRule* rule = kb.FindGradeRule(p.grade)) institutions = rule->institutions;
  }
  j["institutions"] = institutions;
  j["legal"] = p.status == kb::ProcedureStatus::kCatalog;
  j["basis"] = BasisJson(kb, p.basis);
  j["source"] = p.prov.source;
  j["certainty"] = kb::CertaintyName(p.prov.certainty);
  return j;
}

}  // namespace jianmei::server
