// CsvReader: RFC 4180 records with the line each starts on, over libcsv in strict mode (quoted
// fields may hold commas, quotes as "" and line breaks; spaces are kept). Single use.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jianmei::registry {

struct CsvRecord {
  int line = 0;  // 1-based line the record starts on
  std::vector<std::string> fields;
};

// Calls `on_record` for each record in order. A syntax error (a stray quote, an unterminated
// quoted field) stops the reading: returns false and sets *error_line and *error to say where.
bool ReadCsv(std::string_view data, const std::function<void(CsvRecord&&)>& on_record,
             int* error_line, std::string* error);

// One field quoted as RFC 4180 requires (only when it holds a comma, quote or line break).
std::string CsvField(std::string_view value);

}  // namespace jianmei::registry
