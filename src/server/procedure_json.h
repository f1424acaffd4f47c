// Procedures for the API: search by name, alias or slang, and the JSON of one procedure (official
// name, grade, banned or not, aliases, risks, who may perform it, legal basis).
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

#include "kb/knowledge.h"
#include "screen/screener.h"

namespace jianmei::server {

// Procedures that q names: an exact name or alias (also through a product such as a toxin brand),
// then those the screener finds mentioned in q, then names and aliases containing q. At most
// `limit`, without repeats.
std::vector<const kb::Procedure*> SearchProcedures(const screen::Screener& screener,
                                                   screen::Screener::Scratch& scratch,
                                                   std::string_view q, size_t limit);

nlohmann::json ProcedureSummaryJson(const kb::Procedure& p);
nlohmann::json ProcedureDetailJson(const kb::Knowledge& kb, const kb::Procedure& p);
// [{"id","cite","summary","certainty"}] for the law ids that exist.
nlohmann::json BasisJson(const kb::Knowledge& kb, const std::vector<std::string>& law_ids);

}  // namespace jianmei::server
