// Evidence log benchmarks, all on a real SQLite log (WAL, synchronous=FULL) in a temp directory.
//   BM_DurableAppend        one entry per transaction: durable appends/s when every append is
//                           acknowledged on its own
//   BM_AppendWithReceipt/N  one entry per call acknowledged with a receipt (a signed checkpoint
//                           covering it and its inclusion proof) on a log of N entries:
//                           acknowledged appends/s and latency p50/p99/max
//   BM_DurableAppendBatch/B B entries per transaction (AppendBatch, group commit): appends/s
//   BM_SqliteLog/N          builds an N-entry log with AppendBatch (N = 1,048,576 by default;
//                           figures: build time, file size, checkpoint time, open times for the
//                           quick and the full audit), then times inclusion + consistency proofs
//                           read from the SQLite nodes and reports their sizes
//   BM_ProofSizes/N         the same proofs from an in-memory tree, for comparison
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "evidence/tree.h"
#include "evidence/verifier.h"
#include "store/evidence_log.h"
#include "store/migrations.h"

namespace {

using namespace jianmei;
using Clock = std::chrono::steady_clock;

evidence::Entry BenchEntry(int64_t i) {
  evidence::Entry e;
  e.recorded_at = "2025-03-01T10:00:00+08:00";
  e.url = "https://example.com/p/" + std::to_string(i);
  e.author = "账号";
  e.platform = "weibo";
  e.text = std::string(400, 'x') + std::to_string(i);
  return e;
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// A fresh log home in a temp directory, removed at destruction.
class BenchLog {
 public:
  BenchLog() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "jianmei-bench-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data()) ? tmpl : "";
    opts_.home = dir_ + "/home";
  }
  ~BenchLog() {
    log_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  Status Open(store::OpenMode mode = store::OpenMode::kFullAudit) {
    log_.reset();
    opts_.mode = mode;
    auto log = store::EvidenceLog::Open(opts_);
    if (!log.ok()) return log.status();
    log_ = std::move(*log);
    return Status::Ok();
  }
  store::EvidenceLog& log() { return *log_; }
  const std::string& home() const { return opts_.home; }

 private:
  std::string dir_;
  store::LogOptions opts_;
  std::unique_ptr<store::EvidenceLog> log_;
};

void BM_DurableAppend(benchmark::State& state) {
  BenchLog b;
  if (Status s = b.Open(); !s.ok()) return state.SkipWithError(s.ToString().c_str());
  int64_t i = 0;
  for (auto _ : state) {
    auto idx = b.log().Append(BenchEntry(i++));
    if (!idx.ok()) return state.SkipWithError(idx.status().ToString().c_str());
  }
  state.counters["appends_per_s"] = benchmark::Counter(static_cast<double>(i), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DurableAppend)->Unit(benchmark::kMicrosecond)->UseRealTime();

// One entry per call with its receipt (AppendWithReceipt: append, sign a checkpoint covering
// it, inclusion proof), on a log holding state.range(0) entries before: acknowledged appends/s
// and the latency percentiles of one acknowledgement.
void BM_AppendWithReceipt(benchmark::State& state) {
  BenchLog b;
  if (Status s = b.Open(); !s.ok()) return state.SkipWithError(s.ToString().c_str());
  int64_t i = 0;
  std::vector<evidence::Entry> prefill;
  for (; i < state.range(0); ++i) prefill.push_back(BenchEntry(i));
  if (!prefill.empty()) {
    if (auto r = b.log().AppendBatch(prefill); !r.ok()) return state.SkipWithError(r.status().ToString().c_str());
  }
  std::vector<double> micros;
  for (auto _ : state) {
    auto t0 = Clock::now();
    auto r = b.log().AppendWithReceipt(BenchEntry(i++));
    if (!r.ok()) return state.SkipWithError(r.status().ToString().c_str());
    micros.push_back(Seconds(t0) * 1e6);
  }
  std::sort(micros.begin(), micros.end());
  auto pct = [&](double p) { return micros[std::min(micros.size() - 1, static_cast<size_t>(p * micros.size()))]; };
  state.counters["acked_per_s"] = benchmark::Counter(static_cast<double>(micros.size()), benchmark::Counter::kIsRate);
  state.counters["p50_us"] = pct(0.50);
  state.counters["p99_us"] = pct(0.99);
  state.counters["max_us"] = micros.back();
}
BENCHMARK(BM_AppendWithReceipt)->Arg(0)->Arg(100000)->Unit(benchmark::kMicrosecond)->UseRealTime()->Iterations(1000);

void BM_DurableAppendBatch(benchmark::State& state) {
  BenchLog b;
  if (Status s = b.Open(); !s.ok()) return state.SkipWithError(s.ToString().c_str());
  const int64_t batch_size = state.range(0);
  int64_t i = 0;
  std::vector<evidence::Entry> batch;
  for (auto _ : state) {
    state.PauseTiming();
    batch.clear();
    for (int64_t k = 0; k < batch_size; ++k) batch.push_back(BenchEntry(i++));
    state.ResumeTiming();
    auto first = b.log().AppendBatch(batch);
    if (!first.ok()) return state.SkipWithError(first.status().ToString().c_str());
  }
  state.counters["appends_per_s"] = benchmark::Counter(static_cast<double>(i), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DurableAppendBatch)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SqliteLog(benchmark::State& state) {
  const int64_t n = state.range(0);
  constexpr int64_t kBatch = 10000;
  BenchLog b;
  if (Status s = b.Open(); !s.ok()) return state.SkipWithError(s.ToString().c_str());
  auto t0 = Clock::now();
  std::vector<evidence::Entry> batch;
  for (int64_t i = 0; i < n;) {
    batch.clear();
    for (int64_t k = 0; k < kBatch && i < n; ++k) batch.push_back(BenchEntry(i++));
    auto first = b.log().AppendBatch(batch);
    if (!first.ok()) return state.SkipWithError(first.status().ToString().c_str());
  }
  state.counters["build_appends_per_s"] = n / Seconds(t0);
  t0 = Clock::now();
  auto cp = b.log().MakeCheckpoint();
  if (!cp.ok()) return state.SkipWithError(cp.status().ToString().c_str());
  state.counters["checkpoint_ms"] = 1e3 * Seconds(t0);
  std::error_code ec;
  state.counters["db_mb"] = (std::filesystem::file_size(store::DatabasePath(b.home()), ec) +
                             std::filesystem::file_size(store::DatabasePath(b.home()) + "-wal", ec)) / 1e6;
  t0 = Clock::now();
  if (Status s = b.Open(store::OpenMode::kQuickAudit); !s.ok()) return state.SkipWithError(s.ToString().c_str());
  state.counters["open_quick_audit_ms"] = 1e3 * Seconds(t0);
  t0 = Clock::now();
  if (Status s = b.Open(store::OpenMode::kFullAudit); !s.ok()) return state.SkipWithError(s.ToString().c_str());
  state.counters["open_full_audit_s"] = Seconds(t0);

  store::EvidenceLog& log = b.log();
  const evidence::Hash root = log.Root();
  std::mt19937_64 rng(1);
  size_t incl_hashes = 0, cons_hashes = 0, max_incl = 0, max_cons = 0, proofs = 0;
  for (auto _ : state) {
    uint64_t i = rng() % n;
    uint64_t m = 1 + rng() % n;
    auto p = log.InclusionProof(i, n);
    auto c = log.ConsistencyProof(m, n);
    auto data = log.EntryBytes(i);
    auto old_root = evidence::RootHash(log, m);
    if (!p.ok() || !c.ok() || !data.ok() || !old_root.ok()) return state.SkipWithError("proof failed");
    // Verified, so a wrong proof could not pass as a size figure.
    if (!evidence::VerifyInclusion(i, n, evidence::HashLeaf(*data), *p, root).ok() ||
        !evidence::VerifyConsistency(m, n, *c, *old_root, root).ok()) {
      return state.SkipWithError("proof did not verify");
    }
    incl_hashes += p->size();
    cons_hashes += c->size();
    max_incl = std::max(max_incl, p->size());
    max_cons = std::max(max_cons, c->size());
    ++proofs;
  }
  state.counters["inclusion_bytes_avg"] = 32.0 * incl_hashes / proofs;
  state.counters["inclusion_bytes_max"] = 32.0 * max_incl;
  state.counters["consistency_bytes_avg"] = 32.0 * cons_hashes / proofs;
  state.counters["consistency_bytes_max"] = 32.0 * max_cons;
}
BENCHMARK(BM_SqliteLog)->Arg(1 << 20)->Unit(benchmark::kMicrosecond)->Iterations(2000);

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
