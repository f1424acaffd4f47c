#include "core/rfc3339.h"

#include <gtest/gtest.h>

namespace jianmei {
namespace {

TEST(Rfc3339, KnownAnswers) {
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseRfc3339("2025-01-01T00:00:00Z"), 1735689600);
  EXPECT_EQ(ParseRfc3339("2025-03-01T08:00:00+08:00"), 1740787200);
  EXPECT_EQ(ParseRfc3339("2024-02-29T23:59:59.123-01:30"), 1709251199 + 5400);
  EXPECT_EQ(ParseRfc3339("2000-02-29T00:00:00Z"),
            951782400);  // a leap year though divisible by 100
  EXPECT_EQ(FormatRfc3339(1740787200), "2025-03-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(-1), "1969-12-31T23:59:59Z");
}

TEST(Rfc3339, RoundTripsEveryFewHoursOverCenturies) {
  for (int64_t t = -2208988800; t < 4102444800; t += 3 * 86400 + 3671) {
    EXPECT_EQ(ParseRfc3339(FormatRfc3339(t)), t) << t;
  }
}

TEST(Rfc3339, RejectsMalformed) {
  for (const char* s : {"", "2025-01-01", "2025-13-01T00:00:00Z", "2025-01-01T24:00:00Z",
                        "2025-01-01T00:00:00", "2025-01-01T00:00:00+8:00", "2025-01-01T00:00:00.Z",
                        "2025-01-01T00:00:00Zjunk", "2025-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
                        "2025-04-31T00:00:00Z", "2025-02-31T10:00:00Z", "2025-01-00T00:00:00Z"}) {
    EXPECT_FALSE(ParseRfc3339(s).has_value()) << s;
  }
}

}  // namespace
}  // namespace jianmei
