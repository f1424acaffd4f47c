// Ordinary writing that must not pass for evasion or for a claim, and context that must still
// count, screened through the real knowledge base. Each case is one a review found wrong.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "screen/report_json.h"
#include "tests/test_screener.h"

namespace jianmei {
namespace {

using testing::ScreenWithRepoKb;

bool HasRule(const screen::Report& r, const std::string& rule) {
  return std::any_of(r.findings.begin(), r.findings.end(),
                     [&](const screen::Finding& f) { return f.rule == rule; });
}

// 答：没有。副作用是… is two sentences, not 没有副作用; split in several places it is evasion.
TEST(ScreenPrecision, ATermAcrossOneSentenceEndIsACoincidence) {
  const auto answer = ScreenWithRepoKb(
      "瘦腿针特价1999，加微信预约。问：打完会有淤青吗？答：没有。副作用是偶尔酸胀，三天消退");
  EXPECT_FALSE(HasRule(answer, "claim.guarantee.safety"));
  const auto evaded = ScreenWithRepoKb("瘦腿针特价1999，加微信预约，没。有。副。作。用");
  EXPECT_TRUE(HasRule(evaded, "claim.guarantee.safety"));
}

// 著名 is standard simplified (OpenCC's TW variant table once folded it to 着名).
TEST(ScreenPrecision, FamousIsNotATraditionalCharacter) {
  const auto r = ScreenWithRepoKb("韩国著名专家亲自操刀，做双眼皮，加微信预约");
  ASSERT_TRUE(HasRule(r, "claim.credentials.titles"));
  for (const auto& f : r.findings) EXPECT_EQ(f.evasion, 0) << f.rule;
}

// 本院院长: two words that share 院, not a repeated character.
TEST(ScreenPrecision, WordsSharingACharacterAreNoRepeat) {
  const std::string text = "本院院长推荐的玻尿酸，加微信预约";
  const auto r = ScreenWithRepoKb(text);
  for (const auto& f : r.findings) {
    EXPECT_EQ(f.evasion & text::kEvasionRepeat, 0) << f.rule << " " << f.span.Slice(text);
  }
  for (const auto& m : r.mentions) EXPECT_EQ(m.evasion, 0) << m.span.Slice(text);
}

// (?<!半)永久: the character before 永久 is context, not part of the claim, so the claim's
// clause is 永久瘦腿's own (不可能 in the clause before does not deny it) and 會 adds no
// 'traditional'.
TEST(ScreenPrecision, ALookBehindIsNotPartOfTheMatch) {
  std::string text = "小腿肌肉阻断术效果不可能差，永久瘦腿，加微信预约";
  auto r = ScreenWithRepoKb(text);
  const auto permanent = std::find_if(r.findings.begin(), r.findings.end(), [](const auto& f) {
    return f.rule == "claim.guarantee.permanent";
  });
  ASSERT_NE(permanent, r.findings.end());
  EXPECT_EQ(permanent->span.Slice(text), "永久");
  EXPECT_EQ(permanent->evasion, 0);
  text = "瘦腿针效果會永久，加微信预约";
  r = ScreenWithRepoKb(text);
  ASSERT_TRUE(HasRule(r, "claim.guarantee.permanent"));
  for (const auto& f : r.findings) {
    if (f.rule == "claim.guarantee.permanent") {
      EXPECT_EQ(f.span.Slice(text), "永久");
    }
  }
  EXPECT_FALSE(HasRule(ScreenWithRepoKb("半永久纹眉，加微信预约"), "claim.guarantee.permanent"));
}

// 双眼皮 may be an operation or a non-surgical service: the venue finding it makes says it is
// ambiguous and weighs one step less, as the procedure finding does.
TEST(ScreenPrecision, AVenueFindingOnAnAmbiguousNameSaysSo) {
  const auto r = ScreenWithRepoKb("我们美容院双眼皮特惠，私信预约");
  const auto venue = std::find_if(r.findings.begin(), r.findings.end(),
                                  [](const auto& f) { return f.rule == "venue.unlicensed"; });
  ASSERT_NE(venue, r.findings.end());
  EXPECT_TRUE(venue->ambiguous);
  EXPECT_EQ(venue->severity, Severity::kHigh);  // one below critical
  const auto plain = ScreenWithRepoKb("我们美容院隆鼻特惠，私信预约");
  ASSERT_TRUE(HasRule(plain, "venue.unlicensed"));
  for (const auto& f : plain.findings) EXPECT_FALSE(f.ambiguous) << f.rule;
}

// ￥ is what a Chinese input method types for ¥: not a width trick.
TEST(ScreenPrecision, InputMethodYuanSignIsNoEvasion) {
  const auto r = ScreenWithRepoKb("原价￥3980现价￥1980，玻尿酸，私信预约");
  ASSERT_FALSE(r.findings.empty());
  for (const auto& f : r.findings) EXPECT_EQ(f.evasion, 0) << f.rule;
}

// Liposuction is graded by its volume: a 诊所 (grade 1 only) stating a thousand millilitres or
// more over-reaches its licence; a few hundred does not.
TEST(ScreenPrecision, AClinicsLargeLiposuctionIsBeyondItsLicence) {
  EXPECT_TRUE(HasRule(ScreenWithRepoKb("本诊所今日吸脂手术，单次抽出脂肪1500ml，私信预约"),
                      "claim.scope.clinic-large-liposuction"));
  EXPECT_FALSE(HasRule(ScreenWithRepoKb("本诊所面部吸脂，吸脂量200ml，私信预约"),
                       "claim.scope.clinic-large-liposuction"));
}

// 音波拉皮 and 电波拉皮 are energy devices (聚焦超声, 射频), not the surgical face lift 拉皮.
TEST(ScreenPrecision, UltrasoundLiftingIsTheDeviceNotTheSurgicalFaceLift) {
  const auto r = ScreenWithRepoKb("本诊所音波拉皮限时特惠，私信预约");
  EXPECT_FALSE(HasRule(r, "venue.beyond_grade"));
  EXPECT_TRUE(HasRule(ScreenWithRepoKb("本诊所拉皮手术限时特惠，私信预约"), "venue.beyond_grade"));
}

// What a treatment cannot do is no promise of it.
TEST(ScreenPrecision, WhatATreatmentCannotDoIsDenied) {
  EXPECT_FALSE(HasRule(ScreenWithRepoKb("这些办法不能彻底根除狐臭，私信预约面诊"), "claim.guarantee.efficacy"));
  EXPECT_TRUE(HasRule(ScreenWithRepoKb("一次手术彻底根除狐臭，私信预约面诊"), "claim.guarantee.efficacy"));
}

}  // namespace
}  // namespace jianmei
