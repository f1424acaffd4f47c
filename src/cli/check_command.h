// `jianmei check TEXT` (one text, for people) and `jianmei lookup NAME` (what a procedure or
// product is officially, whether it is in the catalog, its grade and who may perform it).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/app.h"

namespace jianmei::cli {

void AddCheckCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddLookupCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace jianmei::cli
