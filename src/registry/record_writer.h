// Writes registry records as fields in column order and as CSV (doc/registry.md): the inverse of
// record_reader, so that export → import gives back the same records. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "registry/model.h"

namespace jianmei::registry {

std::vector<std::string> InstitutionFields(const Institution& i);
std::vector<std::string> DoctorFields(const Doctor& d);
// One CSV line (without the line break) of fields quoted as RFC 4180 requires.
std::string CsvLine(const std::vector<std::string>& fields);
// The same with each field made safe for spreadsheets first (spreadsheet_cell.h): what
// `registry export` and a rejects file write, and what the CSV reader takes back.
std::string SpreadsheetCsvLine(const std::vector<std::string>& fields);

}  // namespace jianmei::registry
