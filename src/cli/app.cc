#include "cli/app.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace jianmei::cli {

std::string ResolveKbDir(const GlobalOptions& options) {
  if (!options.kb_dir.empty()) return options.kb_dir;
  if (const char* env = std::getenv("JIANMEI_KB"); env && *env) return env;
  std::error_code ec;
  if (std::filesystem::is_directory("kb", ec)) return "kb";
  return JIANMEI_DEFAULT_KB_DIR;
}

std::istream* OpenInput(const std::string& path, const char* command, std::ifstream* file) {
  if (path.empty()) return &std::cin;
  // A directory opens as a stream but fails on the first read.
  if (std::error_code ec; std::filesystem::is_directory(path, ec)) {
    std::cerr << "jianmei " << command << ": cannot read " << path << ": it is a directory\n";
    return nullptr;
  }
  file->open(path, std::ios::binary);
  if (!*file) {
    std::cerr << "jianmei " << command << ": cannot open " << path << "\n";
    return nullptr;
  }
  return file;
}

Result<std::shared_ptr<const kb::Knowledge>> LoadKnowledge(const GlobalOptions& options,
                                                           std::shared_ptr<const text::Normalizer> normalizer) {
  if (!normalizer) {
    auto created = text::Normalizer::Create();
    if (!created.ok()) return created.status();
    normalizer = *created;
  }
  std::vector<kb::Diagnostic> diagnostics;
  auto kb = kb::Knowledge::Load(ResolveKbDir(options), normalizer, &diagnostics);
  if (!kb.ok()) {
    for (const auto& d : diagnostics) std::cerr << d.ToString() << "\n";
  }
  return kb;
}

Result<std::shared_ptr<const screen::Screener>> LoadScreener(const GlobalOptions& options) {
  auto normalizer = text::Normalizer::Create();
  if (!normalizer.ok()) return normalizer.status();
  auto kb = LoadKnowledge(options, *normalizer);
  if (!kb.ok()) return kb.status();
  // Compiled databases are cached per knowledge-base version ($JIANMEI_HOME/cache).
  const char* home = std::getenv("JIANMEI_HOME");
  match::ScannerOptions scanner_options;
  scanner_options.cache_dir = std::string(home && *home ? home : ".jianmei") + "/cache";
  return screen::Screener::Create(*kb, *normalizer, scanner_options);
}

}  // namespace jianmei::cli
