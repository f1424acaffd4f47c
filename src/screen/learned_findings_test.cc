#include "screen/learned_findings.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "kb/test_kb.h"
#include "screen/screener.h"

namespace jianmei::screen {
namespace {

namespace fs = std::filesystem;

// The shared fragments (src/kb/test_kb.h) and one claim and one news signal: "奇效" weighs 4 for
// guarantee_efficacy_safety, intercept -1 (sigmoid(3) = 0.9526).
const char* const kFiles[][2] = {
    {"laws.toml", kb::test_kb::kLaws},
    {"wording.toml", kb::test_kb::kWording},
    {"categories.toml", kb::test_kb::kCategoryNote},
    {"model/m.toml", kb::test_kb::kModel},
    {"model/w.tsv", kb::test_kb::kWeights},
    {"claims.toml", R"(
[[claim]]
id = "claim.no-side-effects"
category = "guarantee_efficacy_safety"
severity = "high"
context = "any"
terms = ["没有副作用"]
explanation = "保证安全"
basis = ["ad-law-16-1"]
source = "test"
certainty = "verified"
)"},
    {"signals.toml", R"(
[[signal]]
id = "signal.news"
kind = "news"
terms = ["记者", "报道"]
source = "test"
certainty = "recalled"
)"},
};

class LearnedFindingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jianmei_learned_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "model");
    for (const auto& [name, content] : kFiles) std::ofstream(dir_ / name) << content;
    auto n = text::Normalizer::Create();
    ASSERT_TRUE(n.ok());
    std::vector<kb::Diagnostic> diags;
    auto kb = kb::Knowledge::Load(dir_.string(), *n, &diags);
    std::string all;
    for (const auto& d : diags) all += d.ToString() + "\n";
    ASSERT_TRUE(kb.ok()) << all;
    auto s = Screener::Create(*kb, *n);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    screener_ = *s;
    auto scratch = screener_->NewScratch();
    ASSERT_TRUE(scratch.ok());
    scratch_ = std::move(*scratch);
  }
  void TearDown() override { fs::remove_all(dir_); }
  Report Screen(const std::string& text, CallerContext caller = {}) {
    auto r = screener_->Screen(text, *scratch_, caller);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : Report{};
  }

  fs::path dir_;
  std::shared_ptr<const Screener> screener_;
  std::unique_ptr<Screener::Scratch> scratch_;
};

TEST_F(LearnedFindingsTest, WordingTheLexiconMissesIsALowFindingThatSaysItIsTheModels) {
  const std::string text = "新品上市。一针奇效！";
  const Report r = Screen(text);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.category, Category::kGuaranteeEfficacySafety);
  EXPECT_EQ(f.rule, "model.test");
  EXPECT_EQ(f.severity, Severity::kLow);
  EXPECT_EQ(f.span.Slice(text), "一针奇效！");
  EXPECT_EQ(f.confidence, 95);
  EXPECT_EQ(f.explanation, "保证功效或安全 95 不得保证");
  ASSERT_EQ(f.basis.size(), 1u);
  EXPECT_EQ(f.basis[0]->id, "ad-law-16-1");
  EXPECT_EQ(f.certainty, kb::Certainty::kRecalled);
  // A text of unknown kind: suspect, not a violation.
  EXPECT_EQ(r.kind, TextKind::kUnknown);
  EXPECT_EQ(r.verdict, Verdict::kSuspect);
}

TEST_F(LearnedFindingsTest, TheModelAddsNothingWhereARuleFoundTheCategoryOrTheTextIsAReport) {
  // The lexicon's own finding stands alone.
  Report r = Screen("一针奇效，没有副作用");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].rule, "claim.no-side-effects");
  // A news report keeps its mentions and gets no finding from the model either.
  CallerContext news;
  news.channel = Channel::kNews;
  r = Screen("记者报道：有机构宣称一针奇效", news);
  EXPECT_EQ(r.kind, TextKind::kReport);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.verdict, Verdict::kClean);
  // Below the threshold outside medical texts (0.7): nothing.
  EXPECT_TRUE(Screen("你好").findings.empty());
}

// The model's reading alone is a reason to look: suspect even in an ad; a rule's finding beside it
// makes the ad a violation.
TEST_F(LearnedFindingsTest, TheModelAloneNeverMakesAViolation) {
  CallerContext ad;
  ad.channel = Channel::kAd;
  Report r = Screen("新品上市。一针奇效！", ad);
  EXPECT_EQ(r.kind, TextKind::kPromotion);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(r.findings[0].learned);
  EXPECT_EQ(r.verdict, Verdict::kSuspect);
  r = Screen("新品上市。一针奇效，没有副作用", ad);
  EXPECT_EQ(r.verdict, Verdict::kViolation);
}

}  // namespace
}  // namespace jianmei::screen
