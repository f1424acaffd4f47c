// Metrics: the service's counters in the Prometheus text exposition format (/metrics): requests
// by method and status, a request-latency histogram, screened posts and findings by category.
// Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "core/category.h"

namespace jianmei::server {

class Metrics {
 public:
  // Upper bounds (seconds) of the latency histogram's buckets, +Inf implied.
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,     2.5};

  void ObserveRequest(std::string_view method, int status, double seconds);
  void CountPost(bool stored);
  void CountFinding(Category category);
  // A request the connection layer answered itself, before any handler (HttpHandlers::refused).
  void CountRefusal(int status);
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<int, uint64_t> refusals_;
  std::array<uint64_t, kBuckets.size() + 1> latency_counts_{};
  double latency_sum_ = 0;
  uint64_t latency_count_ = 0;
  uint64_t posts_ = 0, stored_posts_ = 0;
  std::array<uint64_t, kCategoryCount> findings_{};
};

}  // namespace jianmei::server
