// jianmei's stages timed apart, beside the literal ceiling: the bare literal scan
// (bench/literal_ceiling.h), normalising alone, matching alone (the Scanner: both channels'
// Vectorscan databases and the handling of their hits), the folded channel's matching alone, and
// screening (normalise, match, rules; no JSON). Each is given in MB/s of the original bytes over
// 5 rounds, and as a share of the ceiling measured in the same rounds, so that the VM's drift
// from minute to minute weighs on all of them alike. No pipeline is faster than one of its
// stages, so the matching stage's share bounds the share `jianmei scan` could reach were every
// other stage free. With --literals-only the matching stages use the knowledge base's literal
// terms alone, without its regular expressions (screening still uses them all): what the
// expressions cost.
// Usage: stages [--literals-only] POSTS_TXT LEXICON_TXT [KB_DIR]
#include <chrono>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "bench/literal_ceiling.h"
#include "kb/knowledge.h"
#include "kb/lexicon.h"
#include "match/scanner.h"
#include "screen/screener.h"
#include "text/normalizer.h"

namespace {

using Clock = std::chrono::steady_clock;

int Fail(const std::string& what) {
  std::cerr << "stages: " << what << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace jianmei;
  std::vector<std::string> args;
  bool literals_only = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--literals-only") {
      literals_only = true;
    } else {
      args.emplace_back(argv[i]);
    }
  }
  if (args.size() < 2) {
    return Fail("usage: stages [--literals-only] POSTS_TXT LEXICON_TXT [KB_DIR]");
  }
  std::vector<std::string> lines, terms;
  if (!bench::ReadLines(args[0], &lines)) return Fail("cannot read " + args[0]);
  if (!bench::ReadLines(args[1], &terms)) return Fail("cannot read " + args[1]);
  std::erase(terms, "");
  size_t bytes = 0;
  for (const auto& l : lines) bytes += l.size();
  std::string error;
  auto ceiling = bench::LiteralCeiling::Compile(terms, &error);
  if (!ceiling) return Fail(error);
  auto normalizer = text::Normalizer::Create();
  if (!normalizer.ok()) return Fail(normalizer.status().ToString());
  std::vector<kb::Diagnostic> diagnostics;
  auto kb = kb::Knowledge::Load(args.size() > 2 ? args[2] : JIANMEI_SOURCE_DIR "/kb", *normalizer,
                                &diagnostics);
  if (!kb.ok()) return Fail(kb.status().ToString());
  auto lexicon = kb::BuildLexicon(**kb);
  if (literals_only) std::erase_if(lexicon, [](const kb::LexiconEntry& e) { return !e.literal; });
  auto scanner = match::Scanner::Compile(std::move(lexicon));
  if (!scanner.ok()) return Fail(scanner.status().ToString());
  auto screener = screen::Screener::Create(*kb, *normalizer);
  if (!screener.ok()) return Fail(screener.status().ToString());
  auto scan_scratch = (*scanner)->NewScratch();
  auto screen_scratch = (*screener)->NewScratch();
  if (!scan_scratch.ok() || !screen_scratch.ok()) return Fail("cannot allocate scratch");

  constexpr int kRounds = 5;
  text::NormalizedText nt;
  std::vector<match::Hit> hits;
  Clock::duration literal{}, normalise{}, match{}, folded_match{}, screen{};
  size_t literal_matches = 0, hit_count = 0, violations = 0;
  for (int round = 0; round < kRounds; ++round) {
    // Each round runs every stage over the whole file in turn: each stage runs with its own
    // tables in cache, as it would alone, and the rounds spread the VM's drift over all stages.
    // Normalising and matching alternate post by post, as in the pipeline (the clock costs tens
    // of nanoseconds against microseconds per post).
    auto t0 = Clock::now();
    for (const auto& l : lines) literal_matches += ceiling->Scan(l);
    literal += Clock::now() - t0;
    for (const auto& l : lines) {
      t0 = Clock::now();
      (*normalizer)->NormalizeInto(l, {}, &nt);
      const auto t1 = Clock::now();
      hits.clear();
      if (Status st = (*scanner)->Scan(nt, **scan_scratch, &hits); !st.ok()) {
        return Fail(st.ToString());
      }
      normalise += t1 - t0;
      match += Clock::now() - t1;
      hit_count += hits.size();
    }
    for (const auto& l : lines) {
      (*normalizer)->NormalizeInto(l, {.pinyin = false}, &nt);
      hits.clear();
      t0 = Clock::now();
      if (Status st = (*scanner)->Scan(nt.folded, **scan_scratch, &hits); !st.ok()) {
        return Fail(st.ToString());
      }
      folded_match += Clock::now() - t0;
    }
    t0 = Clock::now();
    for (const auto& l : lines) {
      auto report = (*screener)->Screen(l, **screen_scratch);
      if (!report.ok()) return Fail(report.status().ToString());
      violations += report->verdict == screen::Verdict::kViolation;
    }
    screen += Clock::now() - t0;
  }
  auto mb_per_s = [&](Clock::duration d) {
    return bytes / 1e6 / (std::chrono::duration<double>(d).count() / kRounds);
  };
  // Time is inversely proportional to speed: a stage's share of the ceiling's MB/s.
  auto share = [&](Clock::duration d) { return 100.0 * literal.count() / d.count(); };
  std::cout << std::fixed << std::setprecision(1) << "ceiling_mb_per_s " << mb_per_s(literal)
            << " normalise_mb_per_s " << mb_per_s(normalise) << " match_mb_per_s "
            << mb_per_s(match) << " folded_match_mb_per_s " << mb_per_s(folded_match)
            << " screen_mb_per_s " << mb_per_s(screen) << " match_share_pct " << share(match)
            << " folded_match_share_pct " << share(folded_match) << " screen_share_pct "
            << share(screen) << " literal_matches " << literal_matches / kRounds << " hits "
            << hit_count / kRounds << " violations " << violations / kRounds << "\n";
  return 0;
}
