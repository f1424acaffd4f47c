#include "cli/complaint_prompt.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace jianmei::cli {
namespace {

using ::testing::HasSubstr;

TEST(ComplaintPrompt, AsksEachFieldAndAsksAgainForAMissingOrMalformedAnswer) {
  std::istringstream in(
      "李某\n"             // name
      "138 0000 0000\n"    // contact
      "\n"                 // institution: required, asked again
      "眠松医美\n"
      "深圳市某区某路1号\n"  // address
      "隆乳术\n"
      "last spring\n"      // not a date: asked again
      "2025-03-01\n"
      "术后感染\n"
      "一万九\n"           // not an amount: asked again
      "19,800.5\n"
      "感染\n二次手术\n\n"  // harms
      "\n"                 // appraisal skipped
      "退还费用\n\n"        // requests
      "0, 2\n");
  std::ostringstream out;
  auto c = PromptComplaint(in, out);
  ASSERT_TRUE(c.ok()) << c.status().ToString() << out.str();
  EXPECT_EQ(c->complainant_name, "李某");
  EXPECT_EQ(c->complainant_contact, "138 0000 0000");
  EXPECT_EQ(c->institution, "眠松医美");
  EXPECT_EQ(c->institution_address, "深圳市某区某路1号");
  EXPECT_EQ(c->procedure, "隆乳术");
  EXPECT_EQ(c->date, "2025-03-01");
  EXPECT_EQ(c->narrative, "术后感染");
  EXPECT_EQ(c->paid_cents, 1980050);
  EXPECT_EQ(c->harms, (std::vector<std::string>{"感染", "二次手术"}));
  EXPECT_TRUE(c->appraisal.empty());
  EXPECT_EQ(c->requests, (std::vector<std::string>{"退还费用"}));
  EXPECT_EQ(c->evidence_ids, (std::vector<uint64_t>{0, 2}));
  EXPECT_THAT(out.str(), HasSubstr("此项必填"));
  EXPECT_THAT(out.str(), HasSubstr("YYYY-MM-DD"));
  EXPECT_THAT(out.str(), HasSubstr("金额写作元"));
}

TEST(ComplaintPrompt, InputEndingBeforeTheRequiredFieldsIsAnError) {
  std::istringstream in("李某\n\n");
  std::ostringstream out;
  auto c = PromptComplaint(in, out);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("the input ended before"));
}

TEST(ComplaintPrompt, ParsesYuanIntoFen) {
  EXPECT_EQ(ParseYuan("19800"), 1980000);
  EXPECT_EQ(ParseYuan("19,800.50"), 1980050);
  EXPECT_EQ(ParseYuan("0.05"), 5);
  for (const char* bad : {"", ".", "1.234", "-5", "19800元", "1.2.3"}) EXPECT_EQ(ParseYuan(bad), std::nullopt) << bad;
}

}  // namespace
}  // namespace jianmei::cli
