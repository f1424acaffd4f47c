#include "campaign/shingles.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "campaign/common_shingles.h"
#include "campaign/jaccard.h"

namespace jianmei::campaign {
namespace {

std::vector<uint32_t> Expected(std::u32string_view cps, int k) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i + k <= cps.size(); ++i) out.push_back(ShingleHash(cps.data() + i, k));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TEST(Shingles, LongTextUsesTrigramsOfCodePoints) {
  ShingleOptions o{.k = 3, .short_k = 2, .short_chars = 4};
  EXPECT_EQ(Shingles("瘦腿针效果好", o), Expected(U"瘦腿针效果好", 3));
  EXPECT_EQ(Shingles("瘦腿针效果好", o).size(), 4u);
}

TEST(Shingles, ShortTextUsesBigrams) {
  ShingleOptions o{.k = 3, .short_k = 2, .short_chars = 10};
  EXPECT_EQ(Shingles("瘦腿针效果", o), Expected(U"瘦腿针效果", 2));
  EXPECT_EQ(Shingles("瘦腿针效果", o).size(), 4u);
}

TEST(Shingles, RepeatsCollapseAndEmptyHasNone) {
  ShingleOptions o{.k = 3, .short_k = 3, .short_chars = 0};
  EXPECT_EQ(Shingles("aaaaaa", o).size(), 1u);
  EXPECT_TRUE(Shingles("", o).empty());
  EXPECT_EQ(Shingles("ab", o).size(), 1u);  // shorter than k: the whole text
}

TEST(Shingles, InvalidBytesAreSkipped) {
  ShingleOptions o{.k = 2, .short_k = 2, .short_chars = 0};
  EXPECT_EQ(Shingles("ab\xff" "c", o), Shingles("abc", o));
}

TEST(Shingles, HashDependsOnLengthAndOrder) {
  const char32_t a[] = {U'美', U'容', U'院'};
  const char32_t b[] = {U'容', U'美', U'院'};
  EXPECT_NE(ShingleHash(a, 3), ShingleHash(b, 3));
  EXPECT_NE(ShingleHash(a, 2), ShingleHash(a, 3));
}

TEST(Jaccard, KnownAnswers) {
  EXPECT_DOUBLE_EQ(Jaccard(std::vector<uint32_t>{1, 2, 3}, std::vector<uint32_t>{2, 3, 4}), 0.5);
  EXPECT_DOUBLE_EQ(Jaccard(std::vector<uint32_t>{1}, std::vector<uint32_t>{1}), 1.0);
  EXPECT_DOUBLE_EQ(Jaccard(std::vector<uint32_t>{1}, std::vector<uint32_t>{2}), 0.0);
  EXPECT_DOUBLE_EQ(Jaccard(std::vector<uint32_t>{}, std::vector<uint32_t>{}), 0.0);
  EXPECT_DOUBLE_EQ(Jaccard(std::vector<uint32_t>{1, 5, 9, 12}, std::vector<uint32_t>{5}), 0.25);
}

TEST(BruteForceClusters, ComponentsAreTransitiveAndNamedByFirstMember) {
  std::vector<std::vector<uint32_t>> sets = {
      {1, 2, 3, 4}, {10, 11, 12}, {1, 2, 3, 5}, {2, 3, 5, 6}, {10, 11, 13}, {99}};
  // 0~2 (0.6), 2~3 (0.6), 0~3 = 2/6 < 0.5 yet same component; 1~4 = 0.5.
  EXPECT_EQ(BruteForceClusters(sets, 0.5, 1), (std::vector<uint32_t>{0, 1, 0, 0, 1, 5}));
  EXPECT_EQ(BruteForceClusters(sets, 0.5, 4), (std::vector<uint32_t>{0, 1, 0, 0, 4, 5}));
}

}  // namespace
}  // namespace jianmei::campaign

namespace jianmei::campaign {
namespace {

// Known answer: with the sequence a C C b C C C C c (C common), copied_run 3 keeps the run of
// four C's and drops the run of two; copied_run 0 drops every common shingle.
TEST(CommonShingles, KeepCopiedRunsDropsOnlyShortRunsOfCommonShingles) {
  const CommonShingles common(std::vector<uint32_t>{10, 11, 12, 13, 14, 15});
  const std::vector<uint32_t> seq = {1, 10, 11, 2, 12, 13, 14, 15, 3};
  EXPECT_EQ(common.KeepCopiedRuns(seq, 3), (std::vector<uint32_t>{1, 2, 3, 12, 13, 14, 15}));
  EXPECT_EQ(common.KeepCopiedRuns(seq, 5), (std::vector<uint32_t>{1, 2, 3}));
  EXPECT_EQ(common.KeepCopiedRuns(seq, 0), (std::vector<uint32_t>{1, 2, 3}));
  // A text that is all common shingles keeps them all when long enough, repeats de-duplicated.
  EXPECT_EQ(common.KeepCopiedRuns(std::vector<uint32_t>{10, 11, 10, 11}, 4),
            (std::vector<uint32_t>{10, 11}));
  EXPECT_EQ(CommonShingles().KeepCopiedRuns(std::vector<uint32_t>{3, 1, 3}, 16),
            (std::vector<uint32_t>{1, 3}));
}

TEST(Shingles, SequenceIsTextOrderOfTheSet) {
  const std::string folded = "姐妹们姐妹们你好";
  std::vector<uint32_t> seq = ShingleSequence(folded, {});
  ASSERT_EQ(seq.size(), 7u);  // 8 code points, k = 2 (short text): 7 windows
  EXPECT_EQ(seq[0], seq[3]);  // 姐妹 at code points 0 and 3
  EXPECT_EQ(seq[1], seq[4]);  // 妹们
  std::sort(seq.begin(), seq.end());
  seq.erase(std::unique(seq.begin(), seq.end()), seq.end());
  EXPECT_EQ(seq, Shingles(folded, {}));
}

}  // namespace
}  // namespace jianmei::campaign
