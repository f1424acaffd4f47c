// `jianmei registry import|export|search`: the institution and doctor registry in
// $JIANMEI_HOME/jianmei.db (doc/registry.md).
#pragma once

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>

#include "cli/app.h"
#include "kb/knowledge.h"

namespace jianmei::cli {

struct RegistryImportOptions {
  std::string file;     // CSV, or JSON Lines by extension (.jsonl, .ndjson, .json)
  bool skip_bad = false;
  std::string rejects;  // with skip_bad: where the bad rows go; empty = FILE.rejects<ext>
  std::string home;     // JIANMEI_HOME
};
// Validates the whole file, then saves it in one transaction, or nothing when a row is bad
// (unless skip_bad). Every bad row goes to `err` as FILE:line, column: reason. Exit code.
// `kb`, when given, checks that registered projects are names it resolves (doc/registry.md).
int RunRegistryImport(const RegistryImportOptions& options, std::ostream& out, std::ostream& err,
                      const kb::Knowledge* kb = nullptr);

// Writes the stored institutions (or doctors) as CSV with the documented header. Exit code.
int RunRegistryExport(const std::string& home, bool doctors, std::ostream& out, std::ostream& err);

void AddRegistryCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace jianmei::cli
