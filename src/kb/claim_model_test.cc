#include "kb/claim_model.h"

#include <gtest/gtest.h>

#include <cmath>

namespace jianmei::kb {
namespace {

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// One category, guarantee_efficacy_safety, intercept -1.
ClaimModel OneCategory() {
  return ClaimModel("model.test", 1, 3, 0.5, 0.7, {Category::kGuaranteeEfficacySafety}, std::nullopt, {-1.0}, {});
}

// The promotion column is one more regression over the same features, after the categories.
TEST(ClaimModel, ThePromotionColumnReadsWhetherTheTextIsAnAd) {
  ClaimModel m("model.test", 1, 3, 0.5, 0.7, {Category::kGuaranteeEfficacySafety},
               ClaimModel::PromotionColumn{0.6, 0.4}, {-1.0, 0.5}, {});
  EXPECT_FALSE(m.AddFeature("效", 2.0, {3.0})) << "one weight per column, the promotion column too";
  ASSERT_TRUE(m.AddFeature("效", 2.0, {3.0, -2.0}));
  ClaimModel::Scores s;
  m.Score("效", &s);
  EXPECT_NEAR(s.probability[static_cast<int>(Category::kGuaranteeEfficacySafety)], Sigmoid(3 - 1), 1e-12);
  EXPECT_NEAR(s.promotion, Sigmoid(-2 + 0.5), 1e-12);
  m.Score("你好", &s);
  EXPECT_NEAR(s.promotion, Sigmoid(0.5), 1e-12) << "nothing known: the intercept alone";
  ASSERT_TRUE(m.promotion());
  EXPECT_EQ(m.promotion()->above, 0.6);

  ClaimModel without = OneCategory();
  ASSERT_TRUE(without.AddFeature("效", 2.0, {3.0}));
  without.Score("效", &s);
  EXPECT_EQ(s.promotion, -1) << "no column, no reading";
}

TEST(ClaimModel, ScoresTfIdfLogisticAsTheTrainingScriptDefinesIt) {
  ClaimModel m = OneCategory();
  ASSERT_TRUE(m.AddFeature("效", 2.0, {3.0}));
  ASSERT_TRUE(m.AddFeature("果", 1.0, {-1.0}));
  ClaimModel::Scores s;
  // One known n-gram: its normalised value is 1 whatever its count (tf = 1 + ln 2 for two).
  m.Score("效", &s);
  EXPECT_NEAR(s.probability[static_cast<int>(Category::kGuaranteeEfficacySafety)], Sigmoid(3 - 1), 1e-12);
  m.Score("效效", &s);
  EXPECT_NEAR(s.probability[static_cast<int>(Category::kGuaranteeEfficacySafety)], Sigmoid(3 - 1), 1e-12);
  // Two: x = (2, 1) / sqrt(5).
  m.Score("效果", &s);
  EXPECT_NEAR(s.probability[static_cast<int>(Category::kGuaranteeEfficacySafety)],
              Sigmoid((3 * 2 - 1 * 1) / std::sqrt(5.0) - 1), 1e-12);
  // "效效果": tf(效) = 1 + ln 2.
  const double a = (1 + std::log(2.0)) * 2, b = 1;
  m.Score("效效果", &s);
  EXPECT_NEAR(s.probability[static_cast<int>(Category::kGuaranteeEfficacySafety)],
              Sigmoid((3 * a - b) / std::sqrt(a * a + b * b) - 1), 1e-12);
  // Nothing known: the intercept alone; untrained categories score 0.
  m.Score("你好", &s);
  EXPECT_NEAR(s.probability[static_cast<int>(Category::kGuaranteeEfficacySafety)], Sigmoid(-1), 1e-12);
  EXPECT_EQ(s.probability[static_cast<int>(Category::kAbsoluteTerms)], 0.0);
}

TEST(ClaimModel, PreparesTheTextAsTheScriptDoes) {
  ClaimModel m = OneCategory();
  ASSERT_TRUE(m.AddFeature("x a", 1.0, {5.0}));  // case, full width and white space folded
  ClaimModel::Scores s;
  for (const char* text : {"vx a", "VX A", "ＶＸ\u3000Ａ", "vx \t\n a"}) {
    m.Score(text, &s);
    EXPECT_NEAR(s.probability[static_cast<int>(Category::kGuaranteeEfficacySafety)], Sigmoid(4), 1e-12)
        << text;
  }
  m.Score("vxa", &s);
  EXPECT_NEAR(s.probability[static_cast<int>(Category::kGuaranteeEfficacySafety)], Sigmoid(-1), 1e-12);
}

TEST(ClaimModel, EvidenceIsTheSentenceThatWeighsMost) {
  ClaimModel m = OneCategory();
  ASSERT_TRUE(m.AddFeature("奇效", 1.0, {10.0}));
  ASSERT_TRUE(m.AddFeature("好", 1.0, {1.0}));
  ClaimModel::Scores s;
  const std::string text = "你好。\n  一针奇效！\n再见";
  m.Score(text, &s);
  const Span e = s.evidence[static_cast<int>(Category::kGuaranteeEfficacySafety)];
  EXPECT_EQ(e.Slice(text), "一针奇效！");
  // Below the threshold: no evidence.
  m.Score("再见", &s);
  EXPECT_LT(s.probability[static_cast<int>(Category::kGuaranteeEfficacySafety)], 0.5);
  EXPECT_TRUE(s.evidence[static_cast<int>(Category::kGuaranteeEfficacySafety)].empty());
  // Invalid UTF-8 and an empty text score without harm.
  m.Score(std::string("\xff\xfe奇效", 8), &s);
  EXPECT_GT(s.probability[static_cast<int>(Category::kGuaranteeEfficacySafety)], 0.9);
  m.Score("", &s);
  EXPECT_NEAR(s.probability[static_cast<int>(Category::kGuaranteeEfficacySafety)], Sigmoid(-1), 1e-12);
}

TEST(ClaimModel, RefusesMalformedFeatures) {
  ClaimModel m = OneCategory();
  EXPECT_FALSE(m.AddFeature("", 1.0, {1.0}));
  EXPECT_FALSE(m.AddFeature("一二三四", 1.0, {1.0}));  // longer than three
  EXPECT_FALSE(m.AddFeature("\xff", 1.0, {1.0}));
  EXPECT_FALSE(m.AddFeature("一", 1.0, {1.0, 2.0}));  // one weight per category
  EXPECT_TRUE(m.AddFeature("一", 1.0, {1.0}));
  EXPECT_FALSE(m.AddFeature("一", 1.0, {1.0}));  // twice
  EXPECT_EQ(m.feature_count(), 1u);
}

}  // namespace
}  // namespace jianmei::kb
