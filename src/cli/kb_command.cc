#include "cli/kb_command.h"

#include <fmt/format.h>

#include <iostream>

#include "kb/coverage.h"
#include "kb/lexicon.h"
#include "match/scanner.h"

namespace jianmei::cli {

namespace {

const char* const kGradeNames[] = {"", "一级", "二级", "三级", "四级"};

std::string Counts(const kb::CertaintyCounts& c) {
  return fmt::format("{:>9}{:>7}{:>7}{:>9}", c[0], c[1], c[2], c[3]);
}

// `jianmei kb coverage`: the figures MeasureCoverage counts, as a table a reviewer reads.
void PrintCoverage(const std::string& dir, const kb::Knowledge& k) {
  const kb::Coverage cov = kb::MeasureCoverage(k);
  std::cout << fmt::format("jianmei kb coverage: {} (version {})\n\n", dir, k.version());
  std::cout << fmt::format("{:<34}{:>7}{:>9}{:>7}{:>7}{:>9}\n", "entries by kind", "total",
                           "verified", "agreed", "single", "recalled");
  for (const kb::KindCoverage& kind : cov.kinds) {
    std::cout << fmt::format("  {:<32}{:>7}{}\n", kind.kind, kind.entries, Counts(kind.certainty));
  }
  std::cout << fmt::format("  {:<32}{:>7}{}\n\n", "all", cov.total_entries, Counts(cov.total));
  const kb::ProductCoverage& pr = cov.products;
  std::cout << fmt::format(
      "products: {}; {} name their maker (brands), {} give a registration number, {} give their "
      "approved uses (the rest: no stored source gives them)\n\n",
      pr.products, pr.with_maker, pr.with_registration, pr.with_approved_uses);
  std::cout << "《医疗美容项目分级管理目录》 by specialty and grade (catalog procedures of the "
               "knowledge base):\n";
  for (const kb::PartCoverage& p : cov.parts) {
    std::string part = p.specialty + (p.grade ? std::string(" ") + kGradeNames[p.grade] : "");
    std::string line = fmt::format("  {:<14}{:>4} entries", part, p.entries);
    if (p.entries) {
      line += fmt::format(" (verified/agreed/single/recalled {}/{}/{}/{})", p.certainty[0],
                          p.certainty[1], p.certainty[2], p.certainty[3]);
    }
    if (!p.part) {
      line += "; no [[catalog_part]] says how far the sources reach this part";
    } else {
      line += std::string("; sources reach: ") + kb::CatalogReachName(p.part->reach);
      if (p.lacking >= 0) {
        line += fmt::format("; the sources state {} items: {} lacking", p.part->items_stated,
                            p.lacking);
      } else {
        line += "; no source states how many items it has";
      }
      line += std::string(" [") + kb::CertaintyName(p.part->prov.certainty) + "]";
    }
    std::cout << line << "\n";
    if (p.part && !p.part->unconfirmed.empty()) {
      std::string names;
      for (const std::string& n : p.part->unconfirmed) names += (names.empty() ? "" : "、") + n;
      std::cout << "      recalled to be in it, in no stored source (not in the knowledge base): "
                << names << "\n";
    }
    if (p.part && !p.part->note.empty()) std::cout << "      " << p.part->note << "\n";
  }
}

}  // namespace

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
  CLI::App* coverage = kb_cmd->add_subcommand(
      "coverage",
      "Count the knowledge base: entries per kind and certainty, catalog procedures per "
      "specialty and grade, and what the catalog has that the knowledge base lacks, where "
      "known. Exit 0, or 2 when the knowledge base does not load.");
  coverage->callback([&global, exit_code] {
    const std::string dir = ResolveKbDir(global);
    auto normalizer = text::Normalizer::Create();
    if (!normalizer.ok()) {
      std::cerr << "jianmei kb coverage: " << normalizer.status().ToString() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    std::vector<kb::Diagnostic> diagnostics;
    auto kb = kb::Knowledge::Load(dir, *normalizer, &diagnostics);
    if (!kb.ok()) {
      for (const auto& d : diagnostics) std::cerr << d.ToString() << "\n";
      std::cerr << "jianmei kb coverage: " << kb.status().message() << " (run `jianmei kb lint`)\n";
      *exit_code = kExitFailure;
      return;
    }
    PrintCoverage(dir, **kb);
    *exit_code = kExitOk;
  });
}

}  // namespace jianmei::cli
