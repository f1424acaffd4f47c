// Throughput of the whole screening pipeline (normalise + scan + rules) on one thread, on
// generated posts, with the repository's knowledge base. Prints MB/s (bytes_per_second) and
// posts/s (items_per_second).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

#include "bench/post_generator.h"
#include "screen/screener.h"

namespace {

std::shared_ptr<const jianmei::screen::Screener> LoadScreener() {
  auto normalizer = jianmei::text::Normalizer::Create();
  std::vector<jianmei::kb::Diagnostic> diagnostics;
  const char* env = std::getenv("JIANMEI_KB");
  auto kb = jianmei::kb::Knowledge::Load(env ? env : JIANMEI_SOURCE_DIR "/kb", *normalizer,
                                         &diagnostics);
  if (!kb.ok()) {
    std::cerr << kb.status().ToString() << "\n";
    std::exit(2);
  }
  return *jianmei::screen::Screener::Create(*kb, *normalizer);
}

const std::vector<std::string>& Posts() {
  static const auto posts = jianmei::bench::GeneratePosts(20000, 42);
  return posts;
}

void BM_Pipeline(benchmark::State& state) {
  static auto screener = LoadScreener();
  auto scratch = std::move(screener->NewScratch().value());
  const auto& posts = Posts();
  size_t i = 0, bytes = 0, items = 0, violations = 0;
  for (auto _ : state) {
    const std::string& p = posts[i++ % posts.size()];
    auto report = screener->Screen(p, *scratch);
    violations += report->verdict == jianmei::screen::Verdict::kViolation;
    bytes += p.size();
    ++items;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(items));
  state.counters["violation_share"] = double(violations) / double(items ? items : 1);
}
BENCHMARK(BM_Pipeline)->MinTime(3.0);

void BM_NormalizeOnly(benchmark::State& state) {
  static auto normalizer = *jianmei::text::Normalizer::Create();
  const auto& posts = Posts();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& p = posts[i++ % posts.size()];
    benchmark::DoNotOptimize(normalizer->Normalize(p));
    bytes += p.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_NormalizeOnly)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
