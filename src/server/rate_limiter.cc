#include "server/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace jianmei::server {
namespace {
constexpr size_t kMaxClients = 100000;  // beyond this, forget buckets that have refilled
}

bool RateLimiter::Allow(const std::string& client, Clock::time_point now) {
  if (rate_ <= 0 || burst_ <= 0) return true;
  std::lock_guard lock(mu_);
  if (buckets_.size() >= kMaxClients) {
    std::erase_if(buckets_, [&](const auto& kv) {
      return std::chrono::duration<double>(now - kv.second.last).count() * rate_ >= burst_;
    });
  }
  auto [it, inserted] = buckets_.try_emplace(client, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(burst_, b.tokens + std::max(0.0, elapsed) * rate_);
    b.last = std::max(b.last, now);
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

int RateLimiter::RetryAfterSeconds() const {
  return rate_ <= 0 ? 0 : std::max(1, static_cast<int>(std::ceil(1 / rate_)));
}

}  // namespace jianmei::server
