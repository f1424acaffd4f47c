// `jianmei qualify --institution NAME|LICENCE --procedure NAME`: may this institution perform
// this procedure, by the registry and the knowledge base's rules (doc/registry.md).
#pragma once

#include <CLI/CLI.hpp>

#include <ostream>

#include "cli/app.h"
#include "registry/qualification.h"

namespace jianmei::cli {

// The answer as text: outcome, each reason with its legal basis, missing facts.
void PrintQualification(const registry::Qualification& q, std::ostream& out);

void AddQualifyCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace jianmei::cli
