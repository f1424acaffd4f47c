#include "core/civil_date.h"

#include <gtest/gtest.h>

namespace jianmei {
namespace {

TEST(CivilDate, DaysInMonthFollowsTheGregorianLeapRule) {
  EXPECT_EQ(DaysInMonth(2025, 1), 31);
  EXPECT_EQ(DaysInMonth(2025, 4), 30);
  EXPECT_EQ(DaysInMonth(2025, 2), 28);
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);  // divisible by 400
  EXPECT_EQ(DaysInMonth(2100, 2), 28);  // by 100, not 400
}

TEST(CivilDate, IsoDatesMustBeRealDates) {
  for (const char* good : {"2024-02-29", "2025-12-31", "1999-01-01"}) {
    EXPECT_TRUE(IsIsoDate(good)) << good;
  }
  for (const char* bad :
       {"2025-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-1-01",
        "2025/01/01", "last spring", "2025-01-011", "２０２５-01-01", ""}) {
    EXPECT_FALSE(IsIsoDate(bad)) << bad;
  }
}

}  // namespace
}  // namespace jianmei
