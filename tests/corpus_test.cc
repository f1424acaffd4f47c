// Per-category precision and recall on the team's labelled corpus (tests/corpus/, labelling
// guide in tests/corpus/README.md). Fails when any category is below the 0.9 target (issue #2)
// or below its recorded floor (tests/corpus/floors.json, a ratchet above the target), or when a
// hard negative (complaint, news, warning, question…) is judged a violation.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdlib>
#include <fstream>
#include <set>

#include "core/utf8.h"
#include "tests/test_screener.h"

namespace jianmei {
namespace {

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 1.0; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 1.0; }
};

std::string CorpusDir() {
  const char* env = std::getenv("JIANMEI_SOURCE_DIR");
  return std::string(env && *env ? env : JIANMEI_SOURCE_DIR) + "/tests/corpus/";
}

TEST(Corpus, EveryCategoryMeetsTheTargetAndItsFloor) {
  std::ifstream floors_file(CorpusDir() + "floors.json");
  ASSERT_TRUE(floors_file);
  const nlohmann::json floors = nlohmann::json::parse(floors_file);
  const double target = floors.at("target").get<double>();
  auto screener = testing::RepoScreener();
  ASSERT_TRUE(screener);
  auto scratch = screener->NewScratch();
  ASSERT_TRUE(scratch.ok());
  std::ifstream in(CorpusDir() + "corpus.jsonl");
  ASSERT_TRUE(in);

  std::array<Counts, kCategoryCount> counts{};
  std::array<int, kCategoryCount> positives{};
  int texts = 0, negatives = 0, negatives_violating = 0, promo_wrong = 0;
  std::string mistakes;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line);
    const std::string text = j.at("text").get<std::string>();
    std::set<Category> want;
    for (const auto& l : j.at("labels")) {
      auto c = ParseCategory(l.get<std::string>());
      ASSERT_TRUE(c) << "unknown label " << l << " in " << j.at("id");
      want.insert(*c);
      positives[static_cast<int>(*c)]++;
    }
    auto report = screener->Screen(text, **scratch);
    ASSERT_TRUE(report.ok());
    std::set<Category> got;
    for (const auto& f : report->findings) got.insert(f.category);
    ++texts;
    if (want.empty()) {
      ++negatives;
      if (report->verdict == screen::Verdict::kViolation) ++negatives_violating;
    }
    if (j.contains("promotional") && j["promotional"].get<bool>() != report->promotional) {
      ++promo_wrong;
    }
    for (int c = 0; c < kCategoryCount; ++c) {
      const bool w = want.count(static_cast<Category>(c)), g = got.count(static_cast<Category>(c));
      if (w && g) counts[c].tp++;
      if (!w && g) counts[c].fp++;
      if (w && !g) counts[c].fn++;
      if (w != g) {
        mistakes += fmt::format("  {} {} {}: {}\n", j.at("id").get<std::string>(), w ? "MISSED" : "EXTRA",
                                CategoryName(static_cast<Category>(c)),
                                text.substr(0, utf8::TruncateAtBoundary(text, 150)));
      }
    }
  }
  std::string table = fmt::format("{:<28} {:>5} {:>4} {:>4} {:>4} {:>9} {:>7} {:>10}\n",
                                  "category", "pos", "tp", "fp", "fn", "precision", "recall",
                                  "target");
  bool ok = true;
  for (int c = 0; c < kCategoryCount; ++c) {
    const Counts& k = counts[c];
    const std::string name(CategoryName(static_cast<Category>(c)));
    const bool met = k.precision() >= target && k.recall() >= target;
    ok = ok && met;
    table += fmt::format("{:<28} {:>5} {:>4} {:>4} {:>4} {:>9.3f} {:>7.3f} {:>10}\n", name,
                         positives[c], k.tp, k.fp, k.fn, k.precision(), k.recall(),
                         met ? "met" : "NOT MET");
    EXPECT_GE(positives[c], 10) << name;
    EXPECT_GE(k.precision(), target) << name << " precision below the target";
    EXPECT_GE(k.recall(), target) << name << " recall below the target";
    const nlohmann::json& floor = floors.at("categories").at(name);
    EXPECT_GE(k.precision(), floor.at("precision").get<double>()) << name << " precision regressed";
    EXPECT_GE(k.recall(), floor.at("recall").get<double>()) << name << " recall regressed";
  }
  std::cout << fmt::format("corpus: {} texts, {} hard negatives ({} judged violation), "
                           "promotional misjudged on {}\n{}",
                           texts, negatives, negatives_violating, promo_wrong, table);
  EXPECT_GE(texts, 200);
  EXPECT_GE(negatives, 60);
  EXPECT_EQ(negatives_violating, 0);
  if (!ok || negatives_violating) std::cout << "mistakes:\n" << mistakes;
}

}  // namespace
}  // namespace jianmei
