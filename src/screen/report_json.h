// The screening output format (design doc §4, doc/screening_output.md) as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "screen/report.h"

namespace jianmei::screen {

// The contract object for one screened text: verdict, risk, promotional, context (the text's
// kind and the cues that decided it), findings and mentions. The front door adds id and its own
// fields (report_json_writer.h writes the same bytes without a tree).
nlohmann::json ReportToJson(const Report& report, std::string_view text);

}  // namespace jianmei::screen
