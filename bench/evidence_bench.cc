// Evidence log benchmarks.
//   BM_DurableAppend     appends to a real SQLite log (WAL, synchronous=FULL): durable appends/s
//   BM_ProofSizes        inclusion and consistency proof sizes and generation time at N entries
//                        (N = 1M with --benchmark_filter=BM_ProofSizes/1048576, not run by default
//                        in `make bench`? it is: an in-memory tree of 1M leaves takes ~1 s)
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "evidence/tree.h"
#include "evidence/verifier.h"
#include "store/evidence_log.h"

namespace {

using namespace jianmei;

evidence::Entry BenchEntry(int64_t i) {
  evidence::Entry e;
  e.recorded_at = "2025-03-01T10:00:00+08:00";
  e.url = "https://example.com/p/" + std::to_string(i);
  e.author = "账号";
  e.platform = "weibo";
  e.text = std::string(400, 'x') + std::to_string(i);
  return e;
}

void BM_DurableAppend(benchmark::State& state) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "jianmei-bench-XXXXXX").string();
  std::string dir = mkdtemp(tmpl.data());
  store::LogOptions opts;
  opts.home = dir + "/home";
  auto log = store::EvidenceLog::Open(opts);
  if (!log.ok()) {
    state.SkipWithError(log.status().ToString().c_str());
    return;
  }
  int64_t i = 0;
  for (auto _ : state) {
    auto idx = (*log)->Append(BenchEntry(i++));
    if (!idx.ok()) state.SkipWithError(idx.status().ToString().c_str());
  }
  state.counters["appends_per_s"] = benchmark::Counter(static_cast<double>(i), benchmark::Counter::kIsRate);
  log->reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_DurableAppend)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_ProofSizes(benchmark::State& state) {
  const uint64_t n = static_cast<uint64_t>(state.range(0));
  evidence::MemoryTree tree;
  for (uint64_t i = 0; i < n; ++i) tree.Append(evidence::HashLeaf(std::to_string(i)));
  std::mt19937_64 rng(1);
  size_t incl_hashes = 0, cons_hashes = 0, proofs = 0;
  for (auto _ : state) {
    uint64_t i = rng() % n;
    uint64_t m = 1 + rng() % n;
    auto p = evidence::InclusionProof(tree, i, n);
    auto c = evidence::ConsistencyProof(tree, m, n);
    incl_hashes += p->size();
    cons_hashes += c->size();
    ++proofs;
    benchmark::DoNotOptimize(p);
  }
  state.counters["inclusion_bytes"] = 32.0 * incl_hashes / proofs;
  state.counters["consistency_bytes"] = 32.0 * cons_hashes / proofs;
}
BENCHMARK(BM_ProofSizes)->Arg(1 << 10)->Arg(1 << 20)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
