#include "cli/kb_command.h"

#include <fmt/format.h>

#include <iostream>

#include "kb/lexicon.h"
#include "match/scanner.h"

namespace jianmei::cli {

void AddKbCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  CLI::App* kb_cmd = app.add_subcommand("kb", "Knowledge-base tools");
  kb_cmd->require_subcommand(1);
  CLI::App* lint = kb_cmd->add_subcommand(
      "lint", "Validate kb/*.toml: keys, sources, certainty, duplicate ids and aliases, law "
              "references, patterns. Exit 0 when clean, 1 when problems were found.");
  lint->callback([&global, exit_code] {
    const std::string dir = ResolveKbDir(global);
    auto normalizer = text::Normalizer::Create();
    if (!normalizer.ok()) {
      std::cerr << "jianmei kb lint: " << normalizer.status().ToString() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    std::vector<kb::Diagnostic> diagnostics;
    auto kb = kb::Knowledge::Load(dir, *normalizer, &diagnostics);
    for (const auto& d : diagnostics) std::cout << d.ToString() << "\n";
    if (!kb.ok()) {
      std::cout << "jianmei kb lint: " << kb.status().message() << "\n";
      *exit_code = diagnostics.empty() ? kExitFailure : kExitInputErrors;
      return;
    }
    auto lexicon = kb::BuildLexicon(**kb);
    const size_t patterns = lexicon.size();
    auto scanner = match::Scanner::Compile(std::move(lexicon));
    if (!scanner.ok()) {
      std::cout << "jianmei kb lint: " << scanner.status().message() << "\n";
      *exit_code = kExitInputErrors;
      return;
    }
    const kb::Knowledge& k = **kb;
    size_t weak = 0;
    auto count_weak = [&](const kb::Provenance& p) {
      weak += p.certainty == kb::Certainty::kSingle || p.certainty == kb::Certainty::kRecalled;
    };
    for (const auto& e : k.laws()) count_weak(e.prov);
    for (const auto& e : k.procedures()) count_weak(e.prov);
    for (const auto& e : k.products()) count_weak(e.prov);
    for (const auto& e : k.claims()) count_weak(e.prov);
    std::cout << fmt::format(
        "jianmei kb lint: {} OK (version {}): {} laws, {} procedures, {} products, {} claim rules, "
        "{} signals, {} grade rules; {} match expressions; {} entries rest on a single or "
        "recalled source\n",
        dir, k.version(), k.laws().size(), k.procedures().size(), k.products().size(),
        k.claims().size(), k.signals().size(), k.grade_rules().size(), patterns, weak);
    *exit_code = kExitOk;
  });
}

}  // namespace jianmei::cli
