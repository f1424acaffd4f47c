#include "campaign/minhash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "campaign/band_table.h"

namespace jianmei::campaign {
namespace {

// Two sorted sets of `size` elements sharing `common` of them.
void MakePair(std::mt19937& rng, int size, int common, std::vector<uint32_t>* a,
              std::vector<uint32_t>* b) {
  std::vector<uint32_t> pool(2 * size - common);
  for (auto& x : pool) x = static_cast<uint32_t>(rng());
  a->assign(pool.begin(), pool.begin() + size);
  b->assign(pool.begin() + (size - common), pool.end());
  std::sort(a->begin(), a->end());
  std::sort(b->begin(), b->end());
}

double Agreement(const std::vector<uint32_t>& x, const std::vector<uint32_t>& y) {
  int same = 0;
  for (size_t i = 0; i < x.size(); ++i) same += x[i] == y[i];
  return static_cast<double>(same) / static_cast<double>(x.size());
}

TEST(MinHasher, SignatureAgreementEstimatesJaccard) {
  MinHasher h(42, 128);
  std::mt19937 rng(7);
  for (int common : {0, 50, 67, 100, 150}) {
    // |A| = |B| = 150: J = common / (300 - common).
    const double j = common / (300.0 - common);
    double sum = 0;
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<uint32_t> a, b, sa, sb;
      MakePair(rng, 150, common, &a, &b);
      h.Signature(a, &sa);
      h.Signature(b, &sb);
      sum += Agreement(sa, sb);
    }
    EXPECT_NEAR(sum / 20, j, 0.03) << "common=" << common;
  }
}

TEST(MinHasher, SeedDeterminesPermutations) {
  std::vector<uint32_t> s = {3, 17, 99, 1000, 123456}, x, y, z;
  MinHasher(1, 64).Signature(s, &x);
  MinHasher(1, 64).Signature(s, &y);
  MinHasher(2, 64).Signature(s, &z);
  EXPECT_EQ(x, y);
  EXPECT_NE(x, z);
  ASSERT_EQ(x.size(), 64u);
  // Every value is the minimum over the set of that permutation: one of the shingles attains it.
  std::vector<uint32_t> single;
  for (uint32_t v : s) {
    MinHasher(1, 64).Signature(std::vector<uint32_t>{v}, &single);
    for (int i = 0; i < 64; ++i) EXPECT_LE(x[i], single[i]);
  }
}

TEST(MinHasher, EmptySetIsAllOnes) {
  std::vector<uint32_t> sig;
  MinHasher(1, 8).Signature({}, &sig);
  EXPECT_EQ(sig, std::vector<uint32_t>(8, 0xFFFFFFFFu));
}

TEST(MinHasher, BandKeysChangeOnlyWhereRowsDiffer) {
  std::vector<uint32_t> sig(128), keys1, keys2;
  for (int i = 0; i < 128; ++i) sig[i] = i * 7919u;
  MinHasher::BandKeys(sig, 32, 4, &keys1);
  sig[9] ^= 1;  // band 2
  MinHasher::BandKeys(sig, 32, 4, &keys2);
  for (int b = 0; b < 32; ++b) {
    if (b == 2) EXPECT_NE(keys1[b], keys2[b]);
    else EXPECT_EQ(keys1[b], keys2[b]) << b;
  }
  // Equal rows in different bands give different keys.
  std::vector<uint32_t> flat(8, 5), k;
  MinHasher::BandKeys(flat, 2, 4, &k);
  EXPECT_NE(k[0], k[1]);
}

TEST(BandTable, CandidatesShareABucketNewestFirstAndCapped) {
  BandTable t(2);
  const std::vector<uint32_t> a = {1, 2}, b = {1, 3}, c = {4, 3}, d = {9, 9};
  EXPECT_EQ(t.Insert(a), 0u);
  EXPECT_EQ(t.Insert(b), 1u);
  EXPECT_EQ(t.InsertEmpty(), 2u);
  EXPECT_EQ(t.Insert(c), 3u);
  std::vector<uint32_t> got;
  t.ForEachCandidate(b, 10, [&](uint32_t doc) { got.push_back(doc); });
  EXPECT_EQ(got, (std::vector<uint32_t>{1, 0, 3, 1}));
  got.clear();
  t.ForEachCandidate(b, 1, [&](uint32_t doc) { got.push_back(doc); });
  EXPECT_EQ(got, (std::vector<uint32_t>{1, 3}));
  got.clear();
  t.ForEachCandidate(d, 10, [&](uint32_t doc) { got.push_back(doc); });
  EXPECT_TRUE(got.empty());
}

TEST(BandTable, GrowsPastItsInitialSize) {
  BandTable t(1);
  for (uint32_t i = 0; i < 5000; ++i) t.Insert(std::vector<uint32_t>{i % 2500});
  for (uint32_t k : {0u, 1234u, 2499u}) {
    std::vector<uint32_t> got;
    t.ForEachCandidate(std::vector<uint32_t>{k}, 10, [&](uint32_t doc) { got.push_back(doc); });
    EXPECT_EQ(got, (std::vector<uint32_t>{k + 2500, k}));
  }
}

}  // namespace
}  // namespace jianmei::campaign
