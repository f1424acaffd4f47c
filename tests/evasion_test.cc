// The evasion suite (tests/evasion_suite.h) through the real normaliser and scanner over the
// repository's kb/: recall per trick against the issue's thresholds, with the trick named in the
// hit's evasion bits; and the clean corpus (Debian's fortunes-zh) screened for false positives.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "kb/lexicon.h"
#include "match/scanner.h"
#include "tests/evasion_suite.h"
#include "tests/test_screener.h"

namespace jianmei {
namespace {

// The evasion bit a single trick must set (0: any).
uint8_t ExpectedBit(const std::string& trick) {
  static const std::map<std::string, uint8_t> bits = {
      {"spacing", text::kEvasionSpacing},     {"symbols", text::kEvasionSymbols},
      {"emoji", text::kEvasionSymbols},       {"width", text::kEvasionWidth},
      {"traditional", text::kEvasionTraditional | text::kEvasionVariant},
      {"repeat", text::kEvasionRepeat},       {"variant", text::kEvasionVariant},
      {"pinyin_full", text::kEvasionPinyin},  {"pinyin_mixed", text::kEvasionPinyin},
      {"initials", text::kEvasionPinyin},     {"homophone", text::kEvasionHomophone}};
  auto it = bits.find(trick);
  return it == bits.end() ? 0 : it->second;
}

double Threshold(const std::string& trick) {
  if (trick == "pinyin_full" || trick == "pinyin_mixed") return 0.95;
  if (trick == "initials" || trick == "homophone") return 0.8;
  return 0.99;
}

TEST(Evasion, RecallPerTrickMeetsTheIssueThresholds) {
  auto screener = testing::RepoScreener();
  ASSERT_TRUE(screener);
  std::vector<kb::LexiconEntry> lexicon = kb::BuildLexicon(screener->knowledge());
  auto cases = testing::GenerateEvasions(lexicon, screener->normalizer());
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  auto scanner = match::Scanner::Compile(lexicon);
  ASSERT_TRUE(scanner.ok()) << scanner.status().ToString();
  auto scratch = (*scanner)->NewScratch();
  ASSERT_TRUE(scratch.ok());

  struct Tally { int n = 0, found = 0, named = 0; std::vector<std::string> misses; };
  std::map<std::string, Tally> tally;
  std::vector<match::Hit> hits;
  for (const auto& c : *cases) {
    const text::NormalizedText nt = screener->normalizer().Normalize(c.text);
    hits.clear();
    ASSERT_TRUE((*scanner)->Scan(nt, **scratch, &hits).ok());
    Tally& t = tally[c.trick];
    ++t.n;
    bool found = false, named = false;
    for (const auto& h : hits) {
      const Span o = nt.ToOriginal(h.span);
      if (lexicon[h.entry].owner != lexicon[c.entry].owner || o.begin < c.begin || o.end > c.end) continue;
      found = true;
      // Every trick of the case must be named (the first part of a pair, and the second).
      bool all = true;
      for (size_t at = 0; at <= c.trick.size();) {
        const size_t plus = std::min(c.trick.find('+', at), c.trick.size());
        const uint8_t bit = ExpectedBit(c.trick.substr(at, plus - at));
        all = all && (bit == 0 || (match::EvasionOf(nt, h) & bit));
        at = plus + 1;
      }
      named = named || all;
    }
    t.found += found;
    t.named += found && named;
    if (!(found && named) && t.misses.size() < 3) t.misses.push_back(c.term + " → " + c.evaded);
  }

  std::string table = fmt::format("{:<28}{:>7}{:>9}{:>9}{:>8}\n", "trick", "cases", "recall", "named", "floor");
  for (const auto& [trick, t] : tally) {
    // A pair is held to the lower of its tricks' floors, and at most 0.95: two tricks together
    // meet rare cases the issue's per-trick targets do not cover (什麼 with a compatibility 什).
    double floor = Threshold(trick.substr(0, trick.find('+')));
    if (trick.find('+') != std::string::npos) {
      floor = std::min({floor, Threshold(trick.substr(trick.find('+') + 1)), 0.95});
    }
    const double recall = double(t.named) / t.n;
    table += fmt::format("{:<28}{:>7}{:>9.3f}{:>9.3f}{:>8.2f}\n", trick, t.n,
                         double(t.found) / t.n, recall, floor);
    EXPECT_GE(recall, floor) << trick << " misses e.g. " << fmt::format("{}", fmt::join(t.misses, " | "));
  }
  std::cout << table;
  // Every single trick must have been exercised on a real population.
  for (const auto& trick : testing::EvasionTricks()) EXPECT_GE(tally[trick].n, 20) << trick;
}

// Fortunes (modern Chinese prose, quotations, poems, Debian documentation) contain no
// medical-aesthetics promotion: fewer than 1 medium-or-higher finding per MB (the issue's target),
// and the evasion channels (pinyin, homophones, variants, repeats) fewer than 0.5 of them.
TEST(Evasion, CleanChineseCorpusGetsNoFindingsFromEvasionChannels) {
  auto screener = testing::RepoScreener();
  ASSERT_TRUE(screener);
  std::string all;
  for (const char* f : {"chinese", "tang300", "song100"}) {
    std::ifstream in(std::string("/usr/share/games/fortunes/") + f);
    ASSERT_TRUE(in) << "install fortunes-zh (deps/debian-packages.txt)";
    std::stringstream ss;
    ss << in.rdbuf();
    all += ss.str() + "\n%\n";
  }
  all = std::regex_replace(all, std::regex("\x1b\\[[0-9;]*m"), "");
  auto scratch = screener->NewScratch();
  ASSERT_TRUE(scratch.ok());
  size_t bytes = 0, findings = 0, evasion_findings = 0;
  std::vector<std::string> examples;
  for (size_t pos = 0; pos < all.size();) {
    size_t end = all.find("\n%\n", pos);
    if (end == std::string::npos) end = all.size();
    const std::string text = all.substr(pos, end - pos);
    pos = end + 3;
    if (text.empty()) continue;
    bytes += text.size();
    auto report = screener->Screen(text, **scratch);
    ASSERT_TRUE(report.ok());
    for (const auto& f : report->findings) {
      if (f.severity < Severity::kMedium) continue;
      ++findings;
      constexpr uint8_t kChannels = text::kEvasionPinyin | text::kEvasionHomophone |
                                    text::kEvasionVariant | text::kEvasionRepeat;
      evasion_findings += (f.evasion & kChannels) != 0;
      if (examples.size() < 10) examples.push_back(std::string(f.span.Slice(text)) + " (" + f.rule + ")");
    }
  }
  const double mb = bytes / 1e6;
  std::cout << fmt::format("clean corpus: {:.2f} MB, {} medium+ findings ({:.2f} per MB), {} through "
                           "evasion channels: {}\n", mb, findings, findings / mb, evasion_findings,
                           fmt::join(examples, "; "));
  ASSERT_GT(mb, 1.5);
  EXPECT_LT(evasion_findings / mb, 0.5);
  EXPECT_LT(findings / mb, 1.0);
}

screen::Report ScreenOne(const std::string& text) {
  auto screener = testing::RepoScreener();
  auto scratch = screener->NewScratch();
  EXPECT_TRUE(scratch.ok());
  auto report = screener->Screen(text, **scratch);
  EXPECT_TRUE(report.ok());
  return report.ok() ? *report : screen::Report{};
}

bool HasCategory(const screen::Report& r, Category c) {
  return std::any_of(r.findings.begin(), r.findings.end(),
                     [&](const screen::Finding& f) { return f.category == c; });
}

// The clean corpus's former false positives, each beside the medical promotion that must still
// be caught: common words (私人渠道, 永久, 最佳) count only in a promotion about medical
// aesthetics, and a Latin term does not match inside a longer Latin word (spa in SPACE).
TEST(Evasion, CommonWordsCountOnlyInAMedicalPromotion) {
  EXPECT_TRUE(ScreenOne("有问题可以通过私人渠道联系管理员，屡教不改者永久封禁。联系方式：加v abc123")
                  .findings.empty());
  const screen::Report grey = ScreenOne("玻尿酸走私人渠道，韩国水货，加v预约");
  EXPECT_TRUE(HasCategory(grey, Category::kUnapprovedDrugDevice));
  EXPECT_TRUE(ScreenOne("按SUPER-SPACE切换输入法，最佳体验，加v了解").findings.empty());
  const screen::Report venue = ScreenOne("我们spa会所就能打玻尿酸，效果最佳，加v预约");
  EXPECT_TRUE(HasCategory(venue, Category::kUnlicensedProvider));
  EXPECT_TRUE(HasCategory(venue, Category::kAbsoluteTerms));
  // A contact marker runs straight into its handle.
  EXPECT_TRUE(HasCategory(ScreenOne("玻尿酸水货，永久不反弹，vxmeimei88"),
                          Category::kUnapprovedDrugDevice));
}

}  // namespace
}  // namespace jianmei
