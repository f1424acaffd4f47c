// Human-readable rendering of a screening report (`jianmei check`, `scan --pretty`).
#pragma once

#include <ostream>
#include <string_view>

#include "screen/report.h"

namespace jianmei::cli {

void PrintReport(const screen::Report& report, std::string_view text, std::ostream& out);

}  // namespace jianmei::cli
