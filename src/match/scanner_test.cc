#include "match/scanner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hs/hs.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "core/temp_dir.h"
#include "match/vectorscan_runtime.h"
#include "text/normalizer.h"

namespace jianmei::match {
namespace {

kb::LexiconEntry Literal(const std::string& term) {
  return {kb::EscapeLiteral(term), true, term, {}, "id-" + term, false, {}};
}
kb::LexiconEntry Pattern(const std::string& re) { return {re, false, re, {}, "id-re", false, {}}; }

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

// A pattern's look-behind (kb::SplitLookBehind) drops the matches right after its characters
// and leaves the character before out of the span.
TEST(Scanner, LookBehindExcludesWithoutWideningTheSpan) {
  kb::LexiconEntry permanent = Pattern("永久");
  permanent.not_after = U"半";
  kb::LexiconEntry free = Pattern("0元(体验|做)");
  free.not_after = U"0123456789.";
  auto s = Scanner::Compile({permanent, free});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  const std::string text = "永久好半永久差永久；100元做，0元做，1.0元体验";
  std::vector<std::string> found;
  for (const Hit& h : ScanAll(**s, text)) found.push_back(std::string(h.span.Slice(text)));
  EXPECT_EQ(found, (std::vector<std::string>{"永久", "永久", "0元做"}));
}

TEST(Scanner, ReportsEveryInvalidPatternByOwner) {
  auto s = Scanner::Compile({Literal("好"), Pattern("(unclosed"), Pattern("a{2,1}"), Pattern("x*")});
  ASSERT_FALSE(s.ok());
  const std::string& m = s.status().message();
  EXPECT_THAT(m, ::testing::HasSubstr("pattern '(unclosed'"));
  EXPECT_THAT(m, ::testing::HasSubstr("pattern 'a{2,1}'"));
  EXPECT_THAT(m, ::testing::HasSubstr("pattern 'x*' can match nothing"));
  // A look-behind the lexicon could not take off says what one may hold.
  auto range = Scanner::Compile({Pattern("(?<![0-9])元")});
  ASSERT_FALSE(range.ok());
  EXPECT_THAT(range.status().message(), ::testing::HasSubstr("no ranges"));
}

TEST(Scanner, EmptyLexiconAndEmptyText) {
  EXPECT_FALSE(Scanner::Compile({}).ok());
  auto s = Scanner::Compile({Literal("a")});
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(ScanAll(**s, "").empty());
}

TEST(Scanner, PinyinChannelCanBeLeftOut) {
  auto with = Scanner::Compile({Literal("小腿阻断")});
  auto without = Scanner::Compile({Literal("小腿阻断")}, {.cache_dir = "", .pinyin = false});
  ASSERT_TRUE(with.ok() && without.ok());
  EXPECT_EQ((*with)->pinyin_pattern_count(), 2u);  // xiaotuizuduan, xtzd
  EXPECT_EQ((*without)->pinyin_pattern_count(), 0u);
  auto normalizer = text::Normalizer::Create();
  ASSERT_TRUE(normalizer.ok());
  const text::NormalizedText nt = (*normalizer)->Normalize("xiaotuizuduan 小腿阻断");
  for (const Scanner* s : {with->get(), without->get()}) {
    auto scratch = s->NewScratch();
    ASSERT_TRUE(scratch.ok());
    std::vector<Hit> hits;
    ASSERT_TRUE(s->Scan(nt, **scratch, &hits).ok());
    EXPECT_EQ(hits.size(), s == with->get() ? 2u : 1u);  // the pinyin spelling and the term
  }
}

// Spellings of fewer than three syllables count only with Latin letters in the match, so they are
// searched around each Latin run; initials only as a whole run. Runs at either end of the text,
// far from its start, and close together.
TEST(Scanner, ShortSpellingsAndInitialsAreFoundAroundEveryLatinRun) {
  auto scanner = Scanner::Compile({Literal("水光"), Literal("小腿阻断")});
  auto normalizer = text::Normalizer::Create();
  ASSERT_TRUE(scanner.ok() && normalizer.ok());
  auto scratch = (*scanner)->NewScratch();
  ASSERT_TRUE(scratch.ok());
  const std::string filler = "今天天气很好我们一起出去走走吧";    // longer than any window's reach
  using Found = std::multiset<std::pair<uint32_t, std::string>>;  // pinyin hits: entry, folded
  auto pinyin_hits = [&](const std::string& text) {
    const text::NormalizedText nt = (*normalizer)->Normalize(text);
    std::vector<Hit> hits;
    EXPECT_TRUE((*scanner)->Scan(nt, **scratch, &hits).ok());
    Found found;
    for (const Hit& h : hits) {
      if (h.confidence < 100) found.emplace(h.entry, std::string(h.span.Slice(nt.folded)));
    }
    return found;
  };
  EXPECT_EQ(pinyin_hits("shui光" + filler), (Found{{0, "shui光"}}));
  EXPECT_EQ(pinyin_hits(filler + "水guang"), (Found{{0, "水guang"}}));
  EXPECT_EQ(pinyin_hits(filler + "shuiguang" + filler), (Found{{0, "shuiguang"}}));
  EXPECT_EQ(pinyin_hits(filler + "shui光和水guang" + filler),
            (Found{{0, "shui光"}, {0, "水guang"}}));
  EXPECT_EQ(pinyin_hits(filler + "xtzd" + filler), (Found{{1, "xtzd"}}));
  EXPECT_EQ(pinyin_hits(filler + "xtzdx" + filler), Found{}) << "initials are a whole run";
  EXPECT_EQ(pinyin_hits(filler + "水广" + filler), Found{}) << "two-syllable homophone";
  EXPECT_EQ(pinyin_hits(filler + "水光" + filler), Found{}) << "the term itself";

  auto recompile = [&](std::vector<kb::LexiconEntry> lexicon) {
    scanner = Scanner::Compile(std::move(lexicon));
    ASSERT_TRUE(scanner.ok());
    scratch = (*scanner)->NewScratch();
    ASSERT_TRUE(scratch.ok());
  };
  // The window reaches exactly far enough: a one-letter run (a) inside the longest spelling.
  ASSERT_NO_FATAL_FAILURE(recompile({Literal("阿胶")}));
  EXPECT_EQ(pinyin_hits(filler + "a胶" + filler), (Found{{0, "a胶"}}));
  EXPECT_EQ(pinyin_hits(filler + "阿jiao" + filler), (Found{{0, "阿jiao"}}));

  // Without a term of fewer than three syllables there is nothing to look for around the runs,
  // but initials still count.
  ASSERT_NO_FATAL_FAILURE(recompile({Literal("小腿阻断")}));
  EXPECT_EQ(pinyin_hits(filler + "xtzd" + filler), (Found{{0, "xtzd"}}));
  EXPECT_EQ(pinyin_hits(filler + "xiao腿zu断" + filler), (Found{{0, "xiao腿zu断"}}));
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

// The channel databases track no start of match; each regular expression's start is found again
// over a window. Reference: one database with leftmost start-of-match tracking, as Vectorscan
// defines it (scanned with the same runtime, vectorscan_runtime.h), keeping the longest end per
// (pattern, start). The texts mix one-byte and three-byte characters so that windows often begin
// inside a character.
TEST(Scanner, RegularExpressionStartsAgreeWithLeftmostStartTracking) {
  const std::vector<std::string> patterns = {
      "(^|[^半])永久",     // anchored: scanned over the whole text
      R"(\d+(\.\d+)?元)",  // unbounded
      "被.{0,8}圈粉",      // several starts per end
      R"(有效率\d{1,3}(\.\d+)?%)",
      R"((原价|市场价)¥?\d+(\.\d+)?(元|块)?.{0,8}(免费|0元))",
      R"(\bab\d{1,3})",
      "a.{0,3}b",
      R"(x\d{3})",        // zx123: a window must not begin later than the longest match allows
      "(久|永久$)",       // 永久x: a window that ends early would find 永久
      "(元|^永|半久元)",  // q永xyz元: a window that begins at 永 would find it
  };
  const std::vector<std::string> literals = {"元", "永久", "圈粉"};
  std::vector<kb::LexiconEntry> entries;
  for (const auto& l : literals) entries.push_back(Literal(l));
  for (const auto& p : patterns) entries.push_back(Pattern(p));
  auto s = Scanner::Compile(entries);
  ASSERT_TRUE(s.ok()) << s.status().ToString();

  std::vector<const char*> exprs;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < entries.size(); ++i) {
    exprs.push_back(entries[i].expression.c_str());
    flags.push_back(HS_FLAG_UTF8 | HS_FLAG_SOM_LEFTMOST);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  ASSERT_EQ(
      hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                       HS_MODE_BLOCK, Runtime().platform, &db, &err),
      HS_SUCCESS);
  hs_scratch_t* hs_scratch = nullptr;
  ASSERT_EQ(hs_alloc_scratch(db, &hs_scratch), HS_SUCCESS);
  auto scratch = (*s)->NewScratch();
  ASSERT_TRUE(scratch.ok());

  const std::vector<std::string> alphabet = {"被",   "圈",   "粉", "永", "久", "半", "元",
                                             "块",   "1",    "2",  "0",  ".",  "%",  "有效率",
                                             "原价", "免费", "a",  "b",  "x",  " ",  "¥"};
  std::mt19937 rng(20261124);
  // Texts that a window too short, too late or too early gets wrong, then random ones.
  std::vector<std::string> texts = {
      "zx123",       "ab123",          "x ab999 ab1",  "永久x",       "q永xyz元",
      "半永久 永久", "被12345678圈粉", "被被圈粉圈粉", "有效率99.9%", "原价12.5块xx免费"};
  while (texts.size() < 2000) {
    std::string text;
    const int n = static_cast<int>(rng() % 80);
    for (int i = 0; i < n; ++i) text += alphabet[rng() % alphabet.size()];
    texts.push_back(text);
  }
  std::vector<size_t> hits_per_entry(entries.size());
  for (const std::string& text : texts) {
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> longest;  // (entry, start) -> end
    auto on_match = [](unsigned id, unsigned long long from, unsigned long long to, unsigned,
                       void* ctx) {
      auto& m = *static_cast<std::map<std::pair<uint32_t, uint32_t>, uint32_t>*>(ctx);
      uint32_t& end = m[{id, static_cast<uint32_t>(from)}];
      end = std::max(end, static_cast<uint32_t>(to));
      return 0;
    };
    if (!text.empty()) {
      ASSERT_EQ(Runtime().scan(db, text.data(), static_cast<unsigned>(text.size()), 0, hs_scratch,
                               on_match, &longest),
                HS_SUCCESS);
    }
    std::set<std::tuple<uint32_t, uint32_t, uint32_t>> expected, got;
    for (const auto& [key, end] : longest) expected.insert({key.first, key.second, end});
    std::vector<Hit> hits;
    ASSERT_TRUE((*s)->Scan(text, **scratch, &hits).ok());
    for (const Hit& h : hits) {
      got.insert({h.entry, h.span.begin, h.span.end});
      ++hits_per_entry[h.entry];
    }
    ASSERT_EQ(got, expected) << text;
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_GE(hits_per_entry[i], 5u) << entries[i].display;  // the texts exercise every pattern
  }
  hs_free_scratch(hs_scratch);
  hs_free_database(db);
}

// The compiled databases, the start finders included, come back from the cache and find the same
// spans; a damaged cache file is rebuilt, not trusted.
TEST(Scanner, CachedDatabasesFindWhatFreshOnesFind) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const std::vector<kb::LexiconEntry> entries = {Literal("小腿阻断"), Pattern(R"(\d+(\.\d+)?元)"),
                                                 Pattern("被.{0,8}圈粉"), Pattern("(^|[^半])永久")};
  const std::string text = "小腿阻断只要39800元,被她圈粉,永久有效,半永久";
  auto spans = [&](const Scanner& s) {
    std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> out;
    for (const Hit& h : ScanAll(s, text)) out.push_back({h.entry, h.span.begin, h.span.end});
    return out;
  };
  auto fresh = Scanner::Compile(entries);
  ASSERT_TRUE(fresh.ok());
  const auto expected = spans(**fresh);
  ASSERT_EQ(expected.size(), 4u);

  const ScannerOptions options{dir.path() + "/cache"};
  auto first = Scanner::Compile(entries, options);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE((*first)->from_cache());
  auto second = Scanner::Compile(entries, options);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE((*second)->from_cache());
  EXPECT_EQ(spans(**second), expected);

  std::vector<std::filesystem::path> files;
  for (const auto& f : std::filesystem::directory_iterator(options.cache_dir))
    files.push_back(f.path());
  ASSERT_EQ(files.size(), 1u);
  const auto size = std::filesystem::file_size(files[0]);
  for (const auto cut : {size - 1, size / 2, uintmax_t{12}}) {
    std::filesystem::resize_file(files[0], cut);
    auto rebuilt = Scanner::Compile(entries, options);
    ASSERT_TRUE(rebuilt.ok());
    EXPECT_FALSE((*rebuilt)->from_cache()) << "cut at " << cut;
    EXPECT_EQ(spans(**rebuilt), expected);
  }
  std::ofstream(files[0], std::ios::binary | std::ios::trunc) << "JMHSDB1\nnot a database";
  auto foreign = Scanner::Compile(entries, options);
  ASSERT_TRUE(foreign.ok());
  EXPECT_FALSE((*foreign)->from_cache());
  EXPECT_EQ(spans(**foreign), expected);
}

// Each knowledge-base version leaves a cache file; one nobody loaded for 30 days goes when
// another is written, and loading a file keeps it.
TEST(Scanner, CacheFilesUnusedFor30DaysAreRemoved) {
  namespace fs = std::filesystem;
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const ScannerOptions options{dir.path() + "/cache"};
  auto only_file = [&] {
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(options.cache_dir)) files.push_back(f.path());
    EXPECT_EQ(files.size(), 1u);
    return files.empty() ? fs::path() : files[0];
  };
  ASSERT_TRUE(Scanner::Compile({Literal("小腿阻断"), Pattern(R"(\d+元)")}, options).ok());
  const fs::path used = only_file();
  const auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(24 * 40);
  fs::last_write_time(used, long_ago);
  auto loaded = Scanner::Compile({Literal("小腿阻断"), Pattern(R"(\d+元)")}, options);
  ASSERT_TRUE(loaded.ok());
  EXPECT_TRUE((*loaded)->from_cache());
  EXPECT_GT(fs::last_write_time(used), long_ago + std::chrono::hours(24 * 39));

  // Another knowledge-base version: its file is written and the one unused for 40 days goes,
  // while a file used 20 days ago and files that are not cached databases stay.
  fs::last_write_time(used, long_ago);
  const fs::path recent = fs::path(options.cache_dir) / "lexicon-0000000000000000.hsdb";
  const fs::path other = fs::path(options.cache_dir) / "notes.txt";
  std::ofstream(recent) << "x";
  std::ofstream(other) << "x";
  fs::last_write_time(recent, fs::file_time_type::clock::now() - std::chrono::hours(24 * 20));
  fs::last_write_time(other, long_ago);
  ASSERT_TRUE(Scanner::Compile({Literal("瘦小腿术")}, options).ok());
  EXPECT_FALSE(fs::exists(used));
  EXPECT_TRUE(fs::exists(recent));
  EXPECT_TRUE(fs::exists(other));
  size_t databases = 0;
  for (const auto& f : fs::directory_iterator(options.cache_dir)) {
    databases += f.path().extension() == ".hsdb";
  }
  EXPECT_EQ(databases, 2u);  // the new version's and the recent one
}

}  // namespace
}  // namespace jianmei::match
