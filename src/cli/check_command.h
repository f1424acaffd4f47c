// `jianmei check TEXT` (one text, for people) and `jianmei lookup NAME` (what a procedure or
// product is officially, whether it is in the catalog, its grade and who may perform it).
#pragma once

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>

#include "cli/app.h"
#include "screen/pipeline.h"

namespace jianmei::cli {

void AddCheckCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddLookupCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

// `check TEXT`: screens `text` and prints the report to `out` (the JSON object with `json`), or
// says why not to `err`. Exit code.
int RunCheck(const screen::Pipeline& pipeline, const std::string& text,
             const screen::CallerContext& caller, bool json, std::ostream& out, std::ostream& err);
// `lookup NAME`: prints what NAME (or each name found in it) is to `out`. Exit code.
int RunLookup(const screen::Screener& screener, const std::string& name, std::ostream& out);

}  // namespace jianmei::cli
