// ParallelFor: runs fn(thread, i) for every i in [0, n) on `threads` threads (0 = all cores),
// handing out indices dynamically; `thread` in [0, threads) lets callers keep per-thread scratch.
// Returns when all are done. fn must be safe to call concurrently for distinct i.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace jianmei::campaign {

inline unsigned ThreadCount(unsigned threads) {
  return threads ? threads : std::max(1u, std::thread::hardware_concurrency());
}

template <typename Fn>
void ParallelFor(size_t n, unsigned threads, Fn&& fn) {
  threads = ThreadCount(threads);
  std::atomic<size_t> next{0};
  auto work = [&](unsigned t) {
    for (size_t i = next++; i < n; i = next++) fn(t, i);
  };
  if (threads == 1 || n < 64) {
    work(0);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
  for (auto& th : pool) th.join();
}

}  // namespace jianmei::campaign
