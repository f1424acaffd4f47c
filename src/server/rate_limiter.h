// RateLimiter: a token bucket per client (its address): `rate` requests per second on average,
// bursts of up to `burst`. Thread-safe. Idle buckets are dropped so memory stays bounded.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace jianmei::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  // rate <= 0 or burst <= 0 disables limiting (doc/api.md: `0` disables).
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}

  // Takes one token from the client's bucket; false when it is empty (answer 429).
  bool Allow(const std::string& client, Clock::time_point now);
  // Seconds until the client's next token, for Retry-After.
  int RetryAfterSeconds() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  const double rate_, burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace jianmei::server
