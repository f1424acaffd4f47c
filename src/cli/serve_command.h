// `jianmei serve`: the HTTP API and web UI (doc/api.md) on the embedded SQLite default.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/app.h"

namespace jianmei::cli {

void AddServeCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace jianmei::cli
