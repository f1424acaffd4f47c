// Spreadsheet-safe CSV cells (doc/registry.md, *Spreadsheets*): the OWASP defence against CSV
// formula injection. A cell a spreadsheet would read as a formula — one beginning with =, +, -,
// @, a tab or a carriage return — is written with a single quote in front, which spreadsheets
// take as "this is text"; reading takes that quote off again. Pure functions; thread-safe.
//
// So that reading is the exact inverse of writing, a cell that already begins with quotes
// followed by one of those characters ('=x) gets one quote more as well, and reading takes one
// quote off any cell of that shape: Unneutralise(Neutralise(s)) == s for every s.
#pragma once

#include <string>
#include <string_view>

namespace jianmei::registry {

// The characters that make a spreadsheet evaluate a cell when they begin it.
inline constexpr std::string_view kFormulaTriggers = "=+-@\t\r";

// `cell`, with a single quote in front when it is quotes (none or more) and then a trigger.
std::string NeutraliseCell(std::string_view cell);
// The inverse: `cell` without its first character when it is one or more quotes and then a
// trigger; any other cell as it is.
std::string UnneutraliseCell(std::string_view cell);

}  // namespace jianmei::registry
