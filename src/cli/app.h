// Shared set-up for the commands: where the knowledge base is, loading it, and the screener.
#pragma once

#include <fstream>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "screen/institution_directory.h"
#include "screen/screener.h"

namespace jianmei::cli {

// Exit codes shared by all commands (documented in `jianmei --help`).
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;  // some input records were errors (all reported)
inline constexpr int kExitFailure = 2;      // usage, knowledge-base or I/O failure

// Loads the registry in the SQLite file `db_path` (empty: $JIANMEI_HOME/jianmei.db, and null
// when that holds no registry). Set by main (cli/registry_home.h) so that this library need not
// link the registry and store.
using DirectoryLoader = std::function<Result<std::shared_ptr<const screen::InstitutionDirectory>>(
    std::shared_ptr<const kb::Knowledge> kb, const std::string& db_path)>;

struct GlobalOptions {
  std::string kb_dir;  // --kb; empty = $JIANMEI_KB, ./kb, or the source tree's kb/
  std::string registry;  // --registry; empty = $JIANMEI_HOME/jianmei.db when it holds a registry
  bool no_registry = false;  // --no-registry
  DirectoryLoader load_directory;
};

std::string ResolveKbDir(const GlobalOptions& options);

// The input of a command that reads FILE or, when path is empty, standard input. Returns null
// (after telling stderr, as "jianmei <command>: cannot open FILE") when the file cannot be read.
std::istream* OpenInput(const std::string& path, const char* command, std::ifstream* file);

// Loads and validates the knowledge base (folding with a new normaliser when none is given);
// prints every problem to stderr on failure.
Result<std::shared_ptr<const kb::Knowledge>> LoadKnowledge(
    const GlobalOptions& options, std::shared_ptr<const text::Normalizer> normalizer = nullptr);

// Loads and validates the knowledge base and compiles the screener; prints every
// knowledge-base problem to stderr on failure.
Result<std::shared_ptr<const screen::Screener>> LoadScreener(const GlobalOptions& options);

}  // namespace jianmei::cli
