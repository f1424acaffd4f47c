// The context judgement (design §4): findings are always computed; what kind of text it is turns
// them into a verdict. Texts written for these tests, one per class the gate used to miss.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/test_screener.h"

namespace jianmei {
namespace {

using screen::Report;
using screen::TextKind;
using screen::Verdict;
using testing::ScreenWithRepoKb;

bool Has(const Report& r, Category c) {
  return std::any_of(r.findings.begin(), r.findings.end(),
                     [&](const screen::Finding& f) { return f.category == c; });
}

bool Mentions(const Report& r, const std::string& status) {
  return std::any_of(r.mentions.begin(), r.mentions.end(),
                     [&](const screen::Mention& m) { return m.entity.status == status; });
}

// A slogan with no price, contact or booking is still a claim about a medical service.
TEST(ContextJudgement, SloganWithNoOfferIsSuspectOrViolation) {
  for (const char* slogan : {"热玛吉一次见效，效果维持两年", "无创提升，告别双下巴",
                             "逆龄五岁，皮肤紧致度提升80%", "学得好不如整得好"}) {
    const Report r = ScreenWithRepoKb(slogan);
    EXPECT_NE(r.verdict, Verdict::kClean) << slogan;
    EXPECT_FALSE(r.findings.empty()) << slogan;
  }
  const Report r = ScreenWithRepoKb("除皱针打一次管三年，当天就能上班");
  EXPECT_TRUE(Has(r, Category::kGuaranteeEfficacySafety));
}

// 执法指南（一）: looks tied to fate, wealth or love, in wording no term list holds, is appearance
// anxiety in a medical text; the same tie described in a regulator's warning is not a finding.
TEST(ContextJudgement, LooksTiedToFateWealthOrLoveIsAppearanceAnxiety) {
  for (const char* ad : {"鼻综合做完，面相旺夫，桃花运挡都挡不住", "颜值不够，年薪再高也白搭，玻尿酸填充了解一下",
                         "祛斑一次，告别婚姻不顺", "闺蜜都已经做完热玛吉了，你还在犹豫什么"}) {
    const Report r = ScreenWithRepoKb(ad);
    EXPECT_TRUE(Has(r, Category::kAppearanceAnxiety)) << ad;
    EXPECT_NE(r.verdict, Verdict::kClean) << ad;
  }
  const Report warning = ScreenWithRepoKb(
      "市场监管局提醒：部分医美广告把颜值与财富、婚姻挂钩，宣称“面相旺夫”，消费者切勿轻信。");
  EXPECT_FALSE(Has(warning, Category::kAppearanceAnxiety));
  EXPECT_EQ(warning.verdict, Verdict::kClean);
}

// A claim said not to hold is not claimed; a homophone of a venue word is not a venue. (The
// learned model may still read the wording; its findings are for review and checked elsewhere.)
TEST(ContextJudgement, ADeniedClaimAndAHomophoneOfAVenueAreNotFindings) {
  auto ruled = [](const Report& r, Category c) {
    return std::any_of(r.findings.begin(), r.findings.end(),
                       [&](const screen::Finding& f) { return f.category == c && !f.learned; });
  };
  for (const char* text : {"热玛吉的效果不是永久的，一般维持一到两年。", "玻尿酸注射时会有一点胀痛，属于正常现象。"}) {
    const Report r = ScreenWithRepoKb(text);
    EXPECT_FALSE(ruled(r, Category::kGuaranteeEfficacySafety)) << text;
    EXPECT_FALSE(Has(r, Category::kUnlicensedProvider)) << text;
    EXPECT_NE(r.verdict, Verdict::kViolation) << text;
  }
  // The claim itself still counts.
  EXPECT_TRUE(Has(ScreenWithRepoKb("热玛吉效果永久，私信预约"), Category::kGuaranteeEfficacySafety));
}

// A claim in quotation marks inside a warning is a quotation of the seller, not a claim.
TEST(ContextJudgement, QuotedClaimInAWarningIsNotAFinding) {
  const Report r = ScreenWithRepoKb(
      "区市场监管局提醒：所谓“永不反弹”“一次见效”“安全无痛”都是营销话术，消费者切勿轻信。");
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.verdict, Verdict::kClean);
  EXPECT_EQ(r.kind, TextKind::kReport);
  const Report news = ScreenWithRepoKb(
      "记者调查发现，一些机构在直播间宣称“零风险”“效果终身”，执法人员已立案。");
  EXPECT_TRUE(news.findings.empty());
  EXPECT_EQ(news.kind, TextKind::kReport);
}

// The same claims said by the seller are findings, and an offer makes them a violation.
TEST(ContextJudgement, TheSameClaimsInAnOfferAreAViolation) {
  const Report r = ScreenWithRepoKb("我们医院热玛吉一次见效，永不反弹，安全无痛，私信预约");
  EXPECT_EQ(r.kind, TextKind::kPromotion);
  EXPECT_EQ(r.verdict, Verdict::kViolation);
  EXPECT_TRUE(Has(r, Category::kGuaranteeEfficacySafety));
}

// A victim's account of the banned calf surgery is not an advertisement: clean, with the
// mention kept (the UI shows the victim what the procedure is).
TEST(ContextJudgement, VictimsAccountOfTheBannedSurgeryStaysCleanWithTheMention) {
  const Report r = ScreenWithRepoKb(
      "去年在一家诊所做了小腿肌肉阻断术，当时他们说没有副作用，现在走路没力气，不能久站，"
      "非常后悔，正在投诉维权。");
  EXPECT_EQ(r.verdict, Verdict::kClean);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.kind, TextKind::kExperience);
  EXPECT_TRUE(Mentions(r, "banned"));
}

bool HasCue(const Report& r, const std::string& name, bool for_promotion) {
  return std::any_of(r.cues.begin(), r.cues.end(), [&](const screen::Cue& c) {
    return c.name == name && c.for_promotion == for_promotion;
  });
}

// The learned model's promotion column reads the whole text: an explainer's hedged duration and
// a patient's regret are not offers, an offer is; it speaks only of texts about medical
// aesthetics (of a software manual it says nothing). Texts written for this test.
TEST(ContextJudgement, TheModelsReadingOfTheWholeTextWeighs) {
  const Report explainer = ScreenWithRepoKb(
      "玻尿酸一般能维持半年到一年，存在个体差异，到期后会被身体代谢掉，需要定期补打。");
  EXPECT_EQ(explainer.verdict, Verdict::kClean);
  EXPECT_TRUE(HasCue(explainer, "model", false));
  const Report patient = ScreenWithRepoKb(
      "做完双眼皮三个月了，还是一只大一只小，医院说再等等，我真的很后悔去了那家店。");
  EXPECT_EQ(patient.verdict, Verdict::kClean);
  EXPECT_TRUE(HasCue(patient, "model", false));
  const Report offer = ScreenWithRepoKb("我们的水光针效果维持一年，今天下单立减200");
  EXPECT_EQ(offer.verdict, Verdict::kViolation);
  EXPECT_TRUE(HasCue(offer, "model", true));
  const Report manual = ScreenWithRepoKb(
      "所有通过 APT 机制远程获取的软件包都被保存在 /var/cache/apt/archives 目录下，可以用 apt clean 清理。");
  EXPECT_EQ(manual.verdict, Verdict::kClean);
  EXPECT_FALSE(HasCue(manual, "model", true));
  EXPECT_FALSE(HasCue(manual, "model", false));
}

// A consumer asking is not asserting: the claim in the question is no finding.
TEST(ContextJudgement, AQuestionDoesNotAssertItsClaim) {
  const Report r = ScreenWithRepoKb("请问瘦腿针打完真的能永久不反弹吗？");
  EXPECT_FALSE(Has(r, Category::kGuaranteeEfficacySafety));
  EXPECT_NE(r.verdict, Verdict::kViolation);
}

// The caller's word settles the kind: an institution's ad is promotion even with no offer.
TEST(ContextJudgement, TheCallersWordSettlesTheKind) {
  auto screener = testing::RepoScreener();
  auto scratch = screener->NewScratch();
  ASSERT_TRUE(scratch.ok());
  const std::string slogan = "学得好不如整得好";
  // Alone, a slogan is at least suspect (the model reads this one as an ad: a violation).
  auto alone = screener->Screen(slogan, **scratch);
  ASSERT_TRUE(alone.ok());
  EXPECT_NE(alone->verdict, Verdict::kClean);
  screen::CallerContext ad;
  ad.channel = screen::Channel::kAd;
  auto promoted = screener->Screen(slogan, **scratch, ad);
  ASSERT_TRUE(promoted.ok());
  EXPECT_EQ(promoted->kind, TextKind::kPromotion);
  EXPECT_EQ(promoted->verdict, Verdict::kViolation);
  screen::CallerContext news;
  news.channel = screen::Channel::kNews;
  auto reported = screener->Screen(slogan, **scratch, news);
  ASSERT_TRUE(reported.ok());
  EXPECT_EQ(reported->verdict, Verdict::kClean);
}

// Every decided kind names the cues that decided it.
TEST(ContextJudgement, TheDecidingCuesAreNamed) {
  const Report r = ScreenWithRepoKb("本院光子嫩肤永不反弹，电话预约");
  ASSERT_EQ(r.kind, TextKind::kPromotion);
  EXPECT_TRUE(std::any_of(r.cues.begin(), r.cues.end(),
                          [](const screen::Cue& c) { return c.name == "booking" && c.for_promotion; }));
}

}  // namespace
}  // namespace jianmei
