#include "screen/report_json.h"

#include "text/normalized_text.h"

namespace jianmei::screen {
namespace {

nlohmann::json EntityJson(const EntityInfo& e) {
  nlohmann::json j = {{"kind", e.kind}, {"id", e.id}, {"name", e.name}, {"status", e.status}};
  if (e.grade > 0) j["grade"] = e.grade;
  return j;
}

nlohmann::json EvasionJson(uint8_t mask) {
  nlohmann::json j = nlohmann::json::array();
  for (const char* name : text::EvasionNames(mask)) j.push_back(name);
  return j;
}

}  // namespace

nlohmann::json ReportToJson(const Report& r, std::string_view text) {
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& f : r.findings) {
    nlohmann::json basis = nlohmann::json::array();
    for (const kb::Law* law : f.basis) {
      basis.push_back({{"id", law->id}, {"cite", law->cite},
                       {"certainty", kb::CertaintyName(law->prov.certainty)}});
    }
    nlohmann::json j = {
        {"category", CategoryName(f.category)},
        {"rule", f.rule},
        {"severity", SeverityName(f.severity)},
        {"span", {f.span.begin, f.span.end}},
        {"text", std::string(f.span.Slice(text))},
        {"evasion", EvasionJson(f.evasion)},
    };
    if (f.has_entity) j["entity"] = EntityJson(f.entity);
    j["basis"] = std::move(basis);
    j["explanation"] = f.explanation;
    j["certainty"] = kb::CertaintyName(f.certainty);
    if (f.ambiguous) j["ambiguous"] = true;
    if (f.confidence < 100) j["confidence"] = f.confidence / 100.0;
    findings.push_back(std::move(j));
  }
  nlohmann::json mentions = nlohmann::json::array();
  for (const Mention& m : r.mentions) {
    mentions.push_back({{"entity", EntityJson(m.entity)},
                        {"span", {m.span.begin, m.span.end}},
                        {"text", std::string(m.span.Slice(text))}});
  }
  nlohmann::json cues = nlohmann::json::array();
  for (const Cue& c : r.cues) {
    cues.push_back({{"cue", c.name},
                    {"for", c.for_promotion ? "promotion" : "against"},
                    {"text", std::string(c.span.Slice(text))}});
  }
  return {{"verdict", VerdictName(r.verdict)},
          {"context", {{"kind", TextKindName(r.kind)}, {"cues", std::move(cues)}}},
          {"risk", r.risk},
          {"promotional", r.promotional},
          {"findings", std::move(findings)},
          {"mentions", std::move(mentions)}};
}

}  // namespace jianmei::screen
