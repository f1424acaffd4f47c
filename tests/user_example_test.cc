// The examples of issue #2's "What a user gets", screened through the real knowledge base.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "screen/report_json.h"
#include "tests/test_screener.h"

namespace jianmei {
namespace {

using ::testing::Contains;

screen::Report ScreenText(const std::string& text) { return testing::ScreenWithRepoKb(text); }

std::set<std::string> Categories(const screen::Report& r) {
  std::set<std::string> out;
  for (const auto& f : r.findings) out.insert(std::string(CategoryName(f.category)));
  return out;
}

const screen::Finding* FindingFor(const screen::Report& r, Category c, const std::string& text,
                                  const std::string& slice) {
  for (const auto& f : r.findings) {
    if (f.category == c && f.span.Slice(text) == slice) return &f;
  }
  return nullptr;
}

TEST(UserExample, CalfSurgeryAdIsAViolationWithExactSpansAndTheBan) {
  const std::string text = "小腿肌肉阻断术，没有副作用，不反弹，仅需39800";
  screen::Report r = ScreenText(text);
  EXPECT_EQ(r.verdict, screen::Verdict::kViolation);
  EXPECT_TRUE(r.promotional);

  const screen::Finding* banned =
      FindingFor(r, Category::kNonCatalogProcedure, text, "小腿肌肉阻断术");
  ASSERT_NE(banned, nullptr) << screen::ReportToJson(r, text).dump(2);
  EXPECT_EQ(banned->span.begin, 0u);
  EXPECT_EQ(banned->span.end, 21u);  // 7 characters × 3 bytes
  EXPECT_EQ(banned->severity, Severity::kCritical);
  EXPECT_EQ(banned->entity.id, "calf-nerve-resection");
  std::vector<std::string> cites;
  for (const kb::Law* l : banned->basis) cites.push_back(l->cite);
  EXPECT_THAT(cites, Contains(::testing::HasSubstr("国卫办医函〔2021〕410号")));

  for (const std::string claim : {"没有副作用", "不反弹"}) {
    const screen::Finding* f = FindingFor(r, Category::kGuaranteeEfficacySafety, text, claim);
    ASSERT_NE(f, nullptr) << claim << "\n" << screen::ReportToJson(r, text).dump(2);
    std::vector<std::string> ids;
    for (const kb::Law* l : f->basis) ids.push_back(l->law + l->article);
    EXPECT_THAT(ids, Contains(::testing::HasSubstr("广告法第十六条"))) << claim;
    // The span slices the original bytes exactly.
    EXPECT_EQ(text.find(claim), f->span.begin);
  }
}

TEST(UserExample, EvadedSpellingIsFoundAndTheTrickNamed) {
  const std::string text = "小 腿 肌 肉 阻 斷 術，沒有副作用！加V預約";
  screen::Report r = ScreenText(text);
  const screen::Finding* banned =
      FindingFor(r, Category::kNonCatalogProcedure, text, "小 腿 肌 肉 阻 斷 術");
  ASSERT_NE(banned, nullptr) << screen::ReportToJson(r, text).dump(2);
  auto names = text::EvasionNames(banned->evasion);
  EXPECT_THAT(names, Contains(std::string("spacing")));
  EXPECT_THAT(names, Contains(std::string("traditional")));
  EXPECT_EQ(r.verdict, screen::Verdict::kViolation);
}

TEST(UserExample, ToxinForCalvesAdIsFlagged) {
  const std::string text = "打瘦腿针就找我们，韩国进口肉毒，一次见效";
  screen::Report r = ScreenText(text);
  EXPECT_TRUE(r.promotional);
  EXPECT_THAT(Categories(r), Contains("guarantee_efficacy_safety"))
      << screen::ReportToJson(r, text).dump(2);
  EXPECT_NE(r.verdict, screen::Verdict::kClean);
}

TEST(UserExample, VictimsAccountQuotingTheAdIsNotAViolation) {
  const std::string text =
      "去年在一家门诊部做了小腿肌肉阻断术，当初说是没有副作用、不反弹，结果现在不能久站，"
      "走路都疼。我要维权，投诉到卫健委了。";
  screen::Report r = ScreenText(text);
  EXPECT_NE(r.verdict, screen::Verdict::kViolation) << screen::ReportToJson(r, text).dump(2);
  EXPECT_FALSE(r.promotional);
  ASSERT_FALSE(r.mentions.empty());  // the banned surgery is still recognised as named
  EXPECT_EQ(r.mentions[0].entity.id, "calf-nerve-resection");
}

TEST(UserExample, NewsReportQuotingTheAdIsNotAViolation) {
  const std::string text =
      "据新京报记者调查，部分医疗美容门诊部仍在推销已被国家卫健委禁止的小腿神经阻断术，"
      "宣称“没有副作用”“不反弹”，价格高达39800元。";
  screen::Report r = ScreenText(text);
  EXPECT_NE(r.verdict, screen::Verdict::kViolation) << screen::ReportToJson(r, text).dump(2);
}

}  // namespace
}  // namespace jianmei
