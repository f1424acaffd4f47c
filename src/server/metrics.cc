#include "server/metrics.h"

#include <fmt/format.h>

namespace jianmei::server {

void Metrics::ObserveRequest(std::string_view method, int status, double seconds) {
  // Only the methods the API knows become label values, so clients cannot grow the series.
  static constexpr std::string_view kKnown[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
                                                "OPTIONS"};
  std::string label = "other";
  for (std::string_view m : kKnown) {
    if (m == method) label = m;
  }
  std::lock_guard lock(mu_);
  ++requests_[{label, status}];
  size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  ++latency_counts_[i];
  latency_sum_ += seconds;
  ++latency_count_;
}

void Metrics::CountPost(bool stored) {
  std::lock_guard lock(mu_);
  ++posts_;
  stored_posts_ += stored;
}

void Metrics::CountRefusal(int status) {
  std::lock_guard lock(mu_);
  ++refusals_[status];
}

void Metrics::CountFinding(Category category) {
  std::lock_guard lock(mu_);
  ++findings_[static_cast<size_t>(category)];
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP jianmei_http_requests_total HTTP requests answered, by method and status.\n"
         "# TYPE jianmei_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out += fmt::format("jianmei_http_requests_total{{method=\"{}\",code=\"{}\"}} {}\n", key.first,
                       key.second, n);
  }
  out += "# HELP jianmei_http_refused_total Requests the connection layer answered itself (protocol "
         "errors, limits, deadlines, connection limits, stopping), by status.\n"
         "# TYPE jianmei_http_refused_total counter\n";
  for (const auto& [status, n] : refusals_) {
    out += fmt::format("jianmei_http_refused_total{{code=\"{}\"}} {}\n", status, n);
  }
  out += "# HELP jianmei_http_request_duration_seconds Time from routing to the answer.\n"
         "# TYPE jianmei_http_request_duration_seconds histogram\n";
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += latency_counts_[i];
    out += fmt::format("jianmei_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                       kBuckets[i], cumulative);
  }
  cumulative += latency_counts_[kBuckets.size()];
  out += fmt::format("jianmei_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  out += fmt::format("jianmei_http_request_duration_seconds_sum {}\n", latency_sum_);
  out += fmt::format("jianmei_http_request_duration_seconds_count {}\n", latency_count_);
  out += "# HELP jianmei_screened_posts_total Posts screened through the API.\n"
         "# TYPE jianmei_screened_posts_total counter\n";
  out += fmt::format("jianmei_screened_posts_total {}\n", posts_);
  out += "# HELP jianmei_stored_posts_total Screened posts stored for the dashboard.\n"
         "# TYPE jianmei_stored_posts_total counter\n";
  out += fmt::format("jianmei_stored_posts_total {}\n", stored_posts_);
  out += "# HELP jianmei_findings_total Findings in posts screened through the API, by category.\n"
         "# TYPE jianmei_findings_total counter\n";
  for (int c = 0; c < kCategoryCount; ++c) {
    out += fmt::format("jianmei_findings_total{{category=\"{}\"}} {}\n",
                       CategoryName(static_cast<Category>(c)), findings_[c]);
  }
  return out;
}

}  // namespace jianmei::server
