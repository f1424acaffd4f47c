#include "server/rate_limiter.h"

#include <gtest/gtest.h>

namespace jianmei::server {
namespace {

using std::chrono::milliseconds;

TEST(RateLimiter, AllowsABurstThenRefillsAtTheRate) {
  RateLimiter limiter(/*rate=*/10, /*burst=*/3);
  const auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
  EXPECT_TRUE(limiter.Allow("a", t0));
  EXPECT_TRUE(limiter.Allow("a", t0));
  EXPECT_TRUE(limiter.Allow("a", t0));
  EXPECT_FALSE(limiter.Allow("a", t0));
  EXPECT_TRUE(limiter.Allow("b", t0)) << "clients have separate buckets";
  EXPECT_FALSE(limiter.Allow("a", t0 + milliseconds(50)));  // half a token
  EXPECT_TRUE(limiter.Allow("a", t0 + milliseconds(110)));
  EXPECT_FALSE(limiter.Allow("a", t0 + milliseconds(120)));
  // A long pause refills to the burst, not beyond.
  const auto later = t0 + std::chrono::seconds(60);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("a", later));
  EXPECT_FALSE(limiter.Allow("a", later));
  EXPECT_EQ(limiter.RetryAfterSeconds(), 1);
}

TEST(RateLimiter, ZeroRateMeansUnlimited) {
  RateLimiter limiter(0, 0);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.Allow("a", RateLimiter::Clock::now()));
}

TEST(RateLimiter, ZeroBurstMeansUnlimited) {
  RateLimiter limiter(/*rate=*/10, /*burst=*/0);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.Allow("a", RateLimiter::Clock::now())) << i;
}

}  // namespace
}  // namespace jianmei::server
