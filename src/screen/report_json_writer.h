// The screening output (report_json.h) written straight into a string: the same bytes as
// ReportToJson(report, text).dump(), without building a JSON tree, so that `jianmei scan` spends
// its time screening rather than allocating and re-reading nodes. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "screen/report.h"

namespace jianmei::screen {

// Appends s (valid UTF-8) as a JSON string, escaped exactly as nlohmann::json::dump() does:
// UTF-8 kept, \" \\ \b \f \n \r \t, other control characters as \u00xx. s must not lie in *out,
// which is resized as it is written.
void AppendJsonString(std::string_view s, std::string* out);

// Appends the contract object for one screened text (keys in nlohmann's sorted order); `id`
// (already JSON, or empty) goes first as the contract asks, `warnings` last when there are any.
// Neither `text` nor `id_json` may lie in *out.
void AppendReportJson(const Report& report, std::string_view text, std::string_view id_json,
                      const std::vector<std::string>& warnings, std::string* out);

}  // namespace jianmei::screen
