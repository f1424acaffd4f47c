// `jianmei kb lint`: load and validate the knowledge base, compile its lexicon, report problems.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/app.h"

namespace jianmei::cli {

void AddKbCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace jianmei::cli
