#include "registry/spreadsheet_cell.h"

namespace jianmei::registry {
namespace {

// Quotes (`min_quotes` or more) and then a trigger character.
bool QuotesThenTrigger(std::string_view cell, size_t min_quotes) {
  const size_t quotes = cell.find_first_not_of('\'');
  return quotes != std::string_view::npos && quotes >= min_quotes &&
         kFormulaTriggers.find(cell[quotes]) != std::string_view::npos;
}

}  // namespace

std::string NeutraliseCell(std::string_view cell) {
  if (QuotesThenTrigger(cell, 0)) return "'" + std::string(cell);
  return std::string(cell);
}

std::string UnneutraliseCell(std::string_view cell) {
  if (QuotesThenTrigger(cell, 1)) return std::string(cell.substr(1));
  return std::string(cell);
}

}  // namespace jianmei::registry
