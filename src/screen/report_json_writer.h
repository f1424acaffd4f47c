// The screening output (report_json.h) written straight into a string: the same bytes as
// ReportToJson(report, text).dump(), without building a JSON tree, so that `jianmei scan` spends
// its time screening rather than allocating and re-reading nodes. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "screen/report.h"

namespace jianmei::screen {

// Appends s (valid UTF-8) as a JSON string, escaped exactly as nlohmann::json::dump() does:
// UTF-8 kept, \" \\ \b \f \n \r \t, other control characters as \u00xx. s must not lie in *out,
// which is resized as it is written.
void AppendJsonString(std::string_view s, std::string* out);

// A field of the output record beyond the report (a post's campaign, a stored screening's id):
// its key and its value, which the writer escapes.
struct OutputField {
  std::string_view key;
  std::variant<std::string_view, int64_t> value;
};

// What a front door adds to the report's own fields.
struct RecordFields {
  std::optional<std::string_view> id;                 // first, as the contract asks
  const std::vector<std::string>* warnings = nullptr;  // after the report's fields, when any
  std::span<const OutputField> extra = {};             // last, in this order
};

// Appends the contract object for one screened text (the report's keys in nlohmann's sorted
// order, as ReportToJson gives them). Neither `text` nor any of `fields` may lie in *out.
void AppendReportJson(const Report& report, std::string_view text, const RecordFields& fields,
                      std::string* out);

}  // namespace jianmei::screen
