#include "match/scanner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <tuple>

#include "text/normalizer.h"

namespace jianmei::match {
namespace {

kb::LexiconEntry Literal(const std::string& term) {
  return {kb::EscapeLiteral(term), true, term, {}, "id-" + term, false};
}
kb::LexiconEntry Pattern(const std::string& re) { return {re, false, re, {}, "id-re", false}; }

std::vector<Hit> ScanAll(const Scanner& s, const std::string& text) {
  auto scratch = s.NewScratch();
  EXPECT_TRUE(scratch.ok());
  std::vector<Hit> hits;
  EXPECT_TRUE(s.Scan(text, **scratch, &hits).ok());
  return hits;
}

TEST(Scanner, FindsLiteralsAndPatternsWithByteSpans) {
  auto s = Scanner::Compile({Literal("小腿阻断"), Literal("没有副作用"), Pattern(R"(有效率\d+(\.\d+)?%)")});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::string text = "小腿阻断没有副作用有效率98.5%";
  std::vector<Hit> hits = ScanAll(**s, text);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].entry, 0u);
  EXPECT_EQ(hits[0].span.Slice(text), "小腿阻断");
  EXPECT_EQ(hits[1].span.Slice(text), "没有副作用");
  EXPECT_EQ(hits[2].span.Slice(text), "有效率98.5%");  // one hit, the longest
}

TEST(Scanner, ReportsEveryInvalidPatternByOwner) {
  auto s = Scanner::Compile({Literal("好"), Pattern("(unclosed"), Pattern("a{2,1}"), Pattern("x*")});
  ASSERT_FALSE(s.ok());
  const std::string& m = s.status().message();
  EXPECT_THAT(m, ::testing::HasSubstr("pattern '(unclosed'"));
  EXPECT_THAT(m, ::testing::HasSubstr("pattern 'a{2,1}'"));
  EXPECT_THAT(m, ::testing::HasSubstr("pattern 'x*' can match nothing"));
}

TEST(Scanner, EmptyLexiconAndEmptyText) {
  EXPECT_FALSE(Scanner::Compile({}).ok());
  auto s = Scanner::Compile({Literal("a")});
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(ScanAll(**s, "").empty());
}

// Reference check: every literal occurrence found by a naive substring search over the text
// with repeated Han characters collapsed (a term that genuinely repeats must also occur in the
// uncollapsed text), and nothing else.
TEST(Scanner, AgreesWithNaiveSubstringSearch) {
  const std::vector<std::string> alphabet = {"小", "腿", "阻", "断", "针", "a", "1"};
  std::mt19937 rng(20261124);
  std::vector<std::string> terms;
  std::set<std::string> seen;
  while (terms.size() < 40) {
    std::string t;
    int len = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < len; ++i) t += alphabet[rng() % alphabet.size()];
    if (seen.insert(t).second) terms.push_back(t);
  }
  std::vector<kb::LexiconEntry> entries;
  for (const auto& t : terms) entries.push_back(Literal(t));
  auto s = Scanner::Compile(entries);
  ASSERT_TRUE(s.ok());
  auto normalizer = text::Normalizer::Create();
  ASSERT_TRUE(normalizer.ok());
  auto scratch = (*s)->NewScratch();
  ASSERT_TRUE(scratch.ok());
  for (int round = 0; round < 50; ++round) {
    // The text as a list of (element, copies): the collapsed text keeps each element once.
    std::vector<std::pair<std::string, int>> runs;
    std::string text;
    for (int i = 0; i < 60; ++i) {
      const std::string& c = alphabet[rng() % alphabet.size()];
      text += c;
      const bool han = c.size() == 3;
      if (han && !runs.empty() && runs.back().first == c) {
        ++runs.back().second;
      } else {
        runs.push_back({c, 1});
      }
    }
    std::string collapsed;
    std::vector<size_t> run_at;  // collapsed byte offset of each run
    for (const auto& [c, n] : runs) {
      run_at.push_back(collapsed.size());
      collapsed += c;
    }
    std::set<std::tuple<uint32_t, uint32_t, uint32_t>> expected, got;
    for (uint32_t id = 0; id < terms.size(); ++id) {
      const std::string pattern = text::CollapseRepeats(terms[id]);
      for (size_t r = 0; r < runs.size(); ++r) {
        if (collapsed.compare(run_at[r], pattern.size(), pattern) != 0) continue;
        std::string raw;
        size_t k = r;
        for (; k < runs.size() && run_at[k] < run_at[r] + pattern.size(); ++k) {
          for (int n = 0; n < runs[k].second; ++n) raw += runs[k].first;
        }
        if (pattern != terms[id] && raw.find(terms[id]) == std::string::npos) continue;
        expected.insert({id, static_cast<uint32_t>(run_at[r]),
                         static_cast<uint32_t>(run_at[r] + pattern.size())});
      }
    }
    text::NormalizedText nt = (*normalizer)->Normalize(text, {.pinyin = false});
    ASSERT_EQ(nt.folded, collapsed);
    std::vector<Hit> hits;
    ASSERT_TRUE((*s)->Scan(nt, **scratch, &hits).ok());
    for (const Hit& h : hits) got.insert({h.entry, h.span.begin, h.span.end});
    ASSERT_EQ(got, expected) << text;
  }
}

}  // namespace
}  // namespace jianmei::match
