// jianmei's stages timed apart, beside the literal ceiling: the bare literal scan
// (bench/literal_ceiling.h), normalising alone, matching alone (the Scanner: both channels'
// Vectorscan databases and the handling of their hits), the folded channel's matching alone,
// Vectorscan alone (the Scanner's own compiled databases run over channels normalised
// beforehand, matches only counted: no hit handling, no start finders, no windows around Latin
// runs, so a lower bound on the matching stage's Vectorscan work), and screening (normalise,
// match, rules; no JSON). Each is given in MB/s of the original bytes over
// 5 rounds, and as a share of the ceiling measured in the same rounds, so that the VM's drift
// from minute to minute weighs on all of them alike. No pipeline is faster than one of its
// stages, so the matching stage's share bounds the share `jianmei scan` could reach were every
// other stage free. With --literals-only the matching stages use the knowledge base's literal
// terms alone, without its regular expressions (screening still uses them all): what the
// expressions cost.
// Usage: stages [--literals-only] POSTS_TXT LEXICON_TXT [KB_DIR]
#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "bench/literal_ceiling.h"
#include "core/temp_dir.h"
#include "kb/knowledge.h"
#include "kb/lexicon.h"
#include "match/database_cache.h"
#include "match/scanner.h"
#include "match/vectorscan_runtime.h"
#include "screen/screener.h"
#include "text/normalizer.h"

namespace {

using Clock = std::chrono::steady_clock;

int Fail(const std::string& what) {
  std::cerr << "stages: " << what << "\n";
  return 2;
}

int CountMatch(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
  ++*static_cast<size_t*>(ctx);
  return 0;
}

// The databases the Scanner compiled, loaded back from the one cache file it wrote in `dir`.
bool LoadScannerDatabases(const std::string& dir, size_t regexes, jianmei::match::Databases* dbs) {
  std::error_code ec;
  for (const auto& f : std::filesystem::directory_iterator(dir, ec)) {
    if (jianmei::match::LoadCache(f.path().string(), regexes, dbs)) return true;
  }
  return false;
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
  const auto regexes = static_cast<size_t>(
      std::count_if(lexicon.begin(), lexicon.end(), [](const auto& e) { return !e.literal; }));
  TempDir cache;
  auto scanner = match::Scanner::Compile(std::move(lexicon), {.cache_dir = cache.path()});
  if (!scanner.ok()) return Fail(scanner.status().ToString());
  match::Databases dbs;
  if (cache.path().empty() || !LoadScannerDatabases(cache.path(), regexes, &dbs)) {
    return Fail("cannot load the scanner's databases from its cache");
  }
  hs_scratch_t* hs_scratch = nullptr;
  for (hs_database_t* db : {dbs.folded, dbs.pinyin}) {
    if (db && hs_alloc_scratch(db, &hs_scratch) != HS_SUCCESS) return Fail("hs_alloc_scratch");
  }
  auto screener = screen::Screener::Create(*kb, *normalizer);
  if (!screener.ok()) return Fail(screener.status().ToString());
  auto scan_scratch = (*scanner)->NewScratch();
  auto screen_scratch = (*screener)->NewScratch();
  if (!scan_scratch.ok() || !screen_scratch.ok()) return Fail("cannot allocate scratch");

  // Both channels of every post, normalised once, for Vectorscan alone.
  std::vector<std::string> folded_channel, pinyin_channel;
  {
    text::NormalizedText nt;
    for (const auto& l : lines) {
      (*normalizer)->NormalizeInto(l, {}, &nt);
      folded_channel.push_back(nt.folded);
      pinyin_channel.push_back(nt.pinyin);
    }
  }
  auto scan_alone = [&](hs_database_t* db, const std::vector<std::string>& channel) {
    size_t n = 0;
    if (!db) return n;
    for (const auto& c : channel) {
      match::Runtime().scan(db, c.data(), static_cast<unsigned>(c.size()), 0, hs_scratch,
                            CountMatch, &n);
    }
    return n;
  };

  constexpr int kRounds = 5;
  text::NormalizedText nt;
  std::vector<match::Hit> hits;
  Clock::duration literal{}, normalise{}, match{}, folded_match{}, vectorscan{}, screen{};
  size_t literal_matches = 0, hit_count = 0, violations = 0, vectorscan_matches = 0;
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
    vectorscan_matches += scan_alone(dbs.folded, folded_channel);
    vectorscan_matches += scan_alone(dbs.pinyin, pinyin_channel);
    vectorscan += Clock::now() - t0;
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
            << " vectorscan_mb_per_s " << mb_per_s(vectorscan) << " screen_mb_per_s "
            << mb_per_s(screen) << " match_share_pct " << share(match)
            << " folded_match_share_pct " << share(folded_match) << " vectorscan_share_pct "
            << share(vectorscan) << " screen_share_pct " << share(screen) << " literal_matches "
            << literal_matches / kRounds << " vectorscan_matches " << vectorscan_matches / kRounds
            << " hits " << hit_count / kRounds << " violations " << violations / kRounds << "\n";
  hs_free_scratch(hs_scratch);
  dbs.Free();
  return 0;
}
