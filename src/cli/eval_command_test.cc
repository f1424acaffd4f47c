#include "cli/eval_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "tests/test_screener.h"

namespace jianmei::cli {
namespace {

using ::testing::HasSubstr;
using screen::Verdict;
constexpr Category kBanned = Category::kNonCatalogProcedure;
constexpr Category kGuarantee = Category::kGuaranteeEfficacySafety;
constexpr Category kAbsolute = Category::kAbsoluteTerms;

EvalCase Case(std::vector<Category> labels, Verdict v, std::vector<Category> found) {
  EvalCase c;
  c.labels = std::move(labels);
  c.verdict = v;
  c.found = std::move(found);
  return c;
}

TEST(EvalMetrics, KnownAnswers) {
  const std::vector<EvalCase> cases = {
      Case({kBanned}, Verdict::kViolation, {kBanned, kGuarantee}),  // detected; guarantee unlabelled
      Case({kGuarantee}, Verdict::kSuspect, {kGuarantee}),          // detected
      Case({kGuarantee}, Verdict::kClean, {kGuarantee}),            // found, but clean: missed
      Case({kGuarantee}, Verdict::kViolation, {kAbsolute}),         // another category instead
      Case({kBanned}, Verdict::kClean, {}),                         // nothing found
      Case({}, Verdict::kViolation, {kAbsolute}),                   // a false violation
      Case({}, Verdict::kSuspect, {kAbsolute}),
      Case({}, Verdict::kClean, {}),
  };
  const EvalMetrics m = ComputeEvalMetrics(cases);
  EXPECT_EQ(m.records, 8u);
  EXPECT_EQ(m.positives, 5u);
  EXPECT_EQ(m.negatives, 3u);
  EXPECT_EQ(m.detected, 2u);
  EXPECT_DOUBLE_EQ(m.detection_rate(), 0.4);
  EXPECT_EQ(m.false_violations, 1u);
  EXPECT_EQ(m.negatives_suspect, 1u);
  const CategoryStats& g = m.categories[static_cast<int>(kGuarantee)];
  EXPECT_EQ(g.support, 3u);
  EXPECT_EQ(g.found, 3u);  // over all records, the banned ad's too
  EXPECT_EQ(g.true_positives, 2u);
  EXPECT_DOUBLE_EQ(g.precision(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(g.recall(), 2.0 / 3);
  const CategoryStats& a = m.categories[static_cast<int>(kAbsolute)];
  EXPECT_EQ(a.support, 0u);
  EXPECT_EQ(a.found, 3u);
  EXPECT_DOUBLE_EQ(a.precision(), 0.0);
  EXPECT_EQ(m.confusion.at("guarantee_efficacy_safety").at("absolute_terms"), 1u);
  EXPECT_EQ(m.confusion.at("non_catalog_procedure").at("(nothing)"), 1u);
  ASSERT_EQ(m.misses.size(), 3u);
  EXPECT_EQ(m.misses[0], &cases[2]);
}

const std::string kInput =
    R"({"id":"ad","text":"小腿肌肉阻断术，没有副作用，不反弹，仅需39800","labels":["non_catalog_procedure"],"source":"ignored"})" "\n"
    R"({"id":"walk","text":"今天天气很好，我们去公园散步。","labels":[]})" "\n"
    R"({"id":"quiet","text":"今天天气很好","labels":["absolute_terms"],"channel":"ad"})" "\n";

TEST(Eval, PrintsTheMetricsAndTheMisses) {
  std::istringstream in(kInput);
  std::ostringstream out, err;
  EXPECT_EQ(RunEval(*testing::RepoPipeline(), nullptr, in, {}, out, err), kExitOk) << err.str();
  EXPECT_THAT(out.str(), HasSubstr("records 3: 2 positives, 1 negatives"));
  EXPECT_THAT(out.str(), HasSubstr("0.500 (1/2)"));
  EXPECT_THAT(out.str(), HasSubstr("quiet [absolute_terms] clean, found -: 今天天气很好"));
}

// A held-out set is measured without showing any of its records, in text and in JSON, alone and
// against a second knowledge base.
TEST(Eval, BlindListsNoRecord) {
  EvalOptions o{.blind = true};
  for (bool as_json : {false, true}) {
    o.json = as_json;
    std::istringstream in(kInput), again(kInput);
    std::ostringstream out, err, out_against, err_against;
    EXPECT_EQ(RunEval(*testing::RepoPipeline(), nullptr, in, o, out, err), kExitOk) << err.str();
    EXPECT_EQ(RunEval(*testing::RepoPipeline(), testing::RepoPipeline().get(), again, o, out_against, err_against),
              kExitOk) << err_against.str();
    for (const std::string& s : {out.str(), out_against.str()}) {
      EXPECT_THAT(s, HasSubstr(as_json ? "\"detection\"" : "0.500 (1/2)"));
      EXPECT_THAT(s, Not(HasSubstr("quiet")));
      EXPECT_THAT(s, Not(HasSubstr("今天天气")));
    }
  }
}

TEST(Eval, JsonAndFloors) {
  std::istringstream in(kInput);
  std::ostringstream out, err;
  EvalOptions o{.json = true, .min_detection = 0.9, .max_false_violation = 0.0};
  EXPECT_EQ(RunEval(*testing::RepoPipeline(), nullptr, in, o, out, err), kExitInputErrors);
  EXPECT_THAT(err.str(), HasSubstr("detection 0.500 is below the floor 0.9 (--min-detection)"));
  EXPECT_THAT(err.str(), Not(HasSubstr("--max-false-violation")));
  const nlohmann::json j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["positives"], 2);
  EXPECT_EQ(j["detection"]["count"], 1);
  EXPECT_EQ(j["false_violation"]["count"], 0);
  EXPECT_EQ(j["categories"]["non_catalog_procedure"]["recall"], 1.0);
  ASSERT_EQ(j["misses"].size(), 1u);
  EXPECT_EQ(j["misses"][0]["id"], "quiet");
}

TEST(Eval, BadLinesAreNamedAndTheRestIsScored) {
  std::istringstream in(kInput + R"({"text":"x","labels":["cheap"]})" "\n" R"({"text":"x"})" "\n"
                        R"({"text":"x","labels":[],"channel":"tv"})" "\nnot json\n");
  std::ostringstream out, err;
  EXPECT_EQ(RunEval(*testing::RepoPipeline(), nullptr, in, {}, out, err), kExitInputErrors);
  EXPECT_THAT(err.str(), HasSubstr("line 4: labels: \"cheap\" is not a category"));
  EXPECT_THAT(err.str(), HasSubstr("line 5: labels: missing"));
  EXPECT_THAT(err.str(), HasSubstr("line 6: channel: \"tv\" is not"));
  EXPECT_THAT(err.str(), HasSubstr("line 7: not JSON"));
  EXPECT_THAT(out.str(), HasSubstr("records 3:"));
}

TEST(Eval, AgainstTheSameKnowledgeBaseChangesNothing) {
  std::istringstream in(kInput);
  std::ostringstream out, err;
  auto p = testing::RepoPipeline();
  EvalOptions o;
  o.json = true;
  EXPECT_EQ(RunEval(*p, p.get(), in, o, out, err), kExitOk);
  const nlohmann::json j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["kb"], j["against"]);
  EXPECT_TRUE(j["changed"].empty());
}

}  // namespace
}  // namespace jianmei::cli
