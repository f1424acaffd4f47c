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

TEST(Complaint, AKeyGivenTwiceIsRefusedInEitherOrder) {
  for (const std::string extra : {R"(,"date":"2024-02-29"})", R"(,"date":7})"}) {
    std::string text = WithDate("2024-02-29");
    text.pop_back();  // the closing brace
    auto c = ParseComplaint(text + extra);
    ASSERT_FALSE(c.ok()) << extra;
    EXPECT_THAT(c.status().message(), HasSubstr("complaint: date: key given twice"));
  }
}

}  // namespace
}  // namespace jianmei::evidence
