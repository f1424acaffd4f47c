// The screening output format (design doc §4, doc/screening_output.md) as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "screen/report.h"

namespace jianmei::screen {

// The contract object for one screened text: id (when given), verdict, risk, promotional,
// findings, plus the extensions mentions and kb_version.
nlohmann::json ReportToJson(const Report& report, std::string_view text);

}  // namespace jianmei::screen
