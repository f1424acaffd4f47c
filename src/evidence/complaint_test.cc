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

namespace jianmei::evidence {
namespace {

TEST(Complaint, TheFilingFieldsRoundTripAndStayOptional) {
  const std::string full =
      R"({"complainant_contact":"138 0000 0000","complainant_name":"李某","evidence_ids":[0,1],)"
      R"("institution":"眠松医美","institution_address":"深圳市某区某路1号","narrative":"术后感染",)"
      R"("paid_cents":1980000,"procedure":"隆乳术","requests":["退还费用","查处"]})";
  auto c = ParseComplaint(full);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->complainant_name, "李某");
  EXPECT_EQ(c->complainant_contact, "138 0000 0000");
  EXPECT_EQ(c->institution_address, "深圳市某区某路1号");
  EXPECT_EQ(c->requests, (std::vector<std::string>{"退还费用", "查处"}));
  EXPECT_EQ(ComplaintToJson(*c), full);  // canonical: keys sorted, nothing added

  auto bare = ParseComplaint(R"({"institution":"x","narrative":"y","procedure":"z"})");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(ComplaintToJson(*bare), R"({"institution":"x","narrative":"y","procedure":"z"})");
}

TEST(Complaint, RequestsMustBeAnArrayOfStrings) {
  for (const char* bad : {R"("requests":"退款")", R"("requests":[1])", R"("complainant_name":3)"}) {
    auto c = ParseComplaint(std::string(R"({"institution":"x","narrative":"y","procedure":"z",)") + bad + "}");
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_THAT(c.status().message(), ::testing::HasSubstr("complaint: \""));
  }
}

}  // namespace
}  // namespace jianmei::evidence
