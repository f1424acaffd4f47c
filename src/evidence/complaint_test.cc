#include "evidence/complaint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace jianmei::evidence {
namespace {

using ::testing::HasSubstr;

std::string WithDate(const std::string& date) {
  return R"({"procedure":"小腿神经阻断","institution":"测试甲医美","narrative":"术后无法久站","date":")" +
         date + "\"}";
}

TEST(Complaint, TheDateMustBeARealIsoDate) {
  auto ok = ParseComplaint(WithDate("2024-02-29"));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->date, "2024-02-29");
  for (const char* bad : {"last spring", "2025-02-29", "2021/07/26"}) {
    auto c = ParseComplaint(WithDate(bad));
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_THAT(c.status().message(), HasSubstr("\"date\" must be a real date as YYYY-MM-DD"));
    EXPECT_THAT(c.status().message(), HasSubstr(bad));
  }
}

}  // namespace
}  // namespace jianmei::evidence
