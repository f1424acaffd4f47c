#include "campaign/index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

#include "campaign/jaccard.h"
#include "core/utf8.h"

namespace jianmei::campaign {
namespace {

std::shared_ptr<const text::Normalizer> Norm() {
  static auto n = text::Normalizer::Create();
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  return *n;
}

std::unique_ptr<Index> NewIndex(IndexOptions o = {}) {
  auto ix = Index::Create(o, CommonShingles(), Norm());
  EXPECT_TRUE(ix.ok()) << ix.status().ToString();
  return std::move(*ix);
}

// Random Han text over a 300-character alphabet.
std::u32string RandomText(std::mt19937& rng, size_t len) {
  std::u32string s;
  for (size_t i = 0; i < len; ++i) s += static_cast<char32_t>(0x4E00 + rng() % 300);
  return s;
}

std::u32string Mutate(std::mt19937& rng, std::u32string s, double rate) {
  for (char32_t& c : s) {
    if (std::uniform_real_distribution<>(0, 1)(rng) < rate) c = 0x4E00 + rng() % 300;
  }
  return s;
}

std::string Utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) utf8::Append(c, &out);
  return out;
}

// Families of near-duplicates at edit rates spanning the threshold, plus unrelated posts.
std::vector<std::string> Corpus(uint32_t seed, size_t families) {
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (size_t f = 0; f < families; ++f) {
    const std::u32string base = RandomText(rng, 40 + rng() % 120);
    const double rate = std::vector<double>{0.02, 0.05, 0.1, 0.15, 0.2, 0.3}[f % 6];
    const int copies = 1 + static_cast<int>(rng() % 6);
    for (int c = 0; c < copies; ++c) out.push_back(Utf8(Mutate(rng, base, rate)));
  }
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

TEST(Index, ClustersAgreeWithBruteForceExactJaccard) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    auto ix = NewIndex();
    const auto texts = Corpus(seed, 80);
    std::vector<std::vector<uint32_t>> sets;
    for (const auto& t : texts) {
      Index::Features f = ix->Featurize(t);
      sets.push_back(f.shingles);
      ix->Insert(std::move(f));
    }
    const auto ref = BruteForceClusters(sets, ix->options().min_jaccard, ix->options().min_shingles);
    // Reference edges (J >= threshold) are LSH candidates with probability 1-(1-J^r)^b; the
    // index must link at least that share (minus noise), and nearly all reference components.
    const IndexOptions& o = ix->options();
    size_t ref_pairs = 0, found_pairs = 0, edges = 0, edges_linked = 0;
    double expected_edges = 0;
    for (uint32_t i = 0; i < texts.size(); ++i) {
      for (uint32_t j = i + 1; j < texts.size(); ++j) {
        const bool same_index = ix->Cluster(i) == ix->Cluster(j);
        // Every link is a confirmed exact-Jaccard edge: index clusters never exceed the reference.
        if (same_index) {
          ASSERT_EQ(ref[i], ref[j]) << "seed " << seed << " pair " << i << "," << j;
        }
        const double jac = Jaccard(sets[i], sets[j]);
        const bool comparable = sets[i].size() >= o.min_shingles && sets[j].size() >= o.min_shingles;
        if (comparable && jac >= 0.75) {
          EXPECT_TRUE(same_index) << "seed " << seed << ": J>=0.75 pair not linked";
        }
        if (comparable && jac >= o.min_jaccard) {
          ++edges;
          edges_linked += same_index;
          expected_edges += 1 - std::pow(1 - std::pow(jac, o.rows), o.bands);
        }
        if (ref[i] == ref[j]) {
          ++ref_pairs;
          found_pairs += same_index;
        }
      }
    }
    ASSERT_GT(edges, 100u);
    std::printf("seed %u: %zu of %zu reference edges linked (LSH alone: %.1f expected), %zu of %zu "
                "same-component pairs\n", seed, edges_linked, edges, expected_edges, found_pairs,
                ref_pairs);
    EXPECT_GE(static_cast<double>(edges_linked), expected_edges - 0.05 * edges);
    // Component pairs are derived from edges: one missed bridging edge (an LSH miss the line
    // above allows) splits a component and loses many pairs at once, so this bound is looser.
    EXPECT_GE(static_cast<double>(found_pairs) / ref_pairs, 0.90);
  }
}

TEST(Index, BatchAndOneByOneGiveTheSameClusters) {
  const auto texts = Corpus(9, 60);
  auto one = NewIndex(), batch = NewIndex();
  for (const auto& t : texts) one->Add(t);
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<uint32_t> docs;
  batch->AddBatch(views, 2, &docs);
  ASSERT_EQ(docs.size(), texts.size());
  for (uint32_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(docs[i], i);
    EXPECT_EQ(one->Cluster(i), batch->Cluster(i));
  }
}

TEST(Index, ManyIdenticalPostsFormOneClusterDespiteTheBucketCap) {
  IndexOptions o;
  o.max_bucket_scan = 4;
  auto ix = NewIndex(o);
  std::mt19937 rng(3);
  const std::string text = Utf8(RandomText(rng, 80));
  for (int i = 0; i < 300; ++i) ix->Add(text);
  for (uint32_t i = 0; i < 300; ++i) EXPECT_EQ(ix->Cluster(i), 0u);
}

TEST(Index, SharedContactLinksOtherwiseUnrelatedPosts) {
  auto ix = NewIndex();
  std::mt19937 rng(5);
  const uint32_t a = ix->Add(Utf8(RandomText(rng, 60)) + "，加微信 meimei2021 咨询");
  const uint32_t b = ix->Add(Utf8(RandomText(rng, 60)));
  const uint32_t c = ix->Add("薇信：MeiMei2021。" + Utf8(RandomText(rng, 60)));
  EXPECT_EQ(ix->Cluster(c), a);
  EXPECT_EQ(ix->Cluster(b), b);
  EXPECT_EQ(ix->stats().contact_links, 1u);

  IndexOptions o;
  o.link_contacts = false;
  auto off = NewIndex(o);
  off->Add("加微信 meimei2021 " + Utf8(RandomText(rng, 60)));
  EXPECT_EQ(off->Cluster(off->Add("加微信 meimei2021 " + Utf8(RandomText(rng, 60)))), 1u);
}

// Boilerplate is decided by what it is: short stock phrases, however frequent, are dropped;
// a long text that many posts copy is kept, so its copies link (a big campaign is not lost).
TEST(Index, StockPhrasesAreDroppedButCopiedTextIsKept) {
  std::mt19937 rng(11);
  std::vector<std::u32string> phrases;  // 12 stock phrases of 12 characters
  for (int i = 0; i < 12; ++i) phrases.push_back(RandomText(rng, 12));
  // Ten distinct stock phrases, each followed by one personal character: 130 characters, 128
  // shingles, of which the 100 inside phrases are common, in runs of 10 (< copied_run 16).
  auto stock_post = [&](const std::vector<int>& which) {
    std::u32string t;
    for (int w : which) t += phrases[w] + RandomText(rng, 1);
    return Utf8(t);
  };
  auto random_choice = [&] {
    std::vector<int> w(phrases.size());
    for (size_t i = 0; i < w.size(); ++i) w[i] = static_cast<int>(i);
    std::shuffle(w.begin(), w.end(), rng);
    w.resize(10);
    return w;
  };
  const std::string copied = Utf8(RandomText(rng, 100));
  CommonShingles::Counter counter;
  auto probe = NewIndex();
  for (int i = 0; i < 1000; ++i) {
    counter.Add(probe->RawShingles(stock_post(random_choice())));
    if (i % 2) counter.Add(probe->RawShingles(copied + Utf8(RandomText(rng, 20))));
  }
  auto ix = Index::Create({}, counter.Build({}), Norm());
  ASSERT_TRUE(ix.ok());
  // The same stock phrases with different personal characters: linked without the filter
  // (Jaccard 100 / 156 = 0.64), not with it.
  const std::vector<int> same = random_choice();
  const std::string p1 = stock_post(same), p2 = stock_post(same);
  const uint32_t q1 = probe->Add(p1), q2 = probe->Add(p2);
  EXPECT_EQ(probe->Cluster(q2), probe->Cluster(q1));
  const uint32_t d1 = (*ix)->Add(p1), d2 = (*ix)->Add(p2);
  EXPECT_NE((*ix)->Cluster(d2), (*ix)->Cluster(d1));
  EXPECT_LE((*ix)->shingles(d1).size(), 30u);  // the 60 shingles inside phrases are gone
  // The 100-character text in half the posts is common too, but a long run: kept and linked.
  const uint32_t d3 = (*ix)->Add(copied + Utf8(RandomText(rng, 30)));
  const uint32_t d4 = (*ix)->Add(copied + Utf8(RandomText(rng, 30)));
  EXPECT_EQ((*ix)->Cluster(d4), (*ix)->Cluster(d3));
  EXPECT_GE((*ix)->shingles(d3).size(), 98u);
  // copied_run 0 (index format v1/v2) drops it like any common shingle.
  IndexOptions old;
  old.copied_run = 0;
  auto ix0 = Index::Create(old, counter.Build({}), Norm());
  const uint32_t e3 = (*ix0)->Add(copied + Utf8(RandomText(rng, 30)));
  const uint32_t e4 = (*ix0)->Add(copied + Utf8(RandomText(rng, 30)));
  EXPECT_NE((*ix0)->Cluster(e4), (*ix0)->Cluster(e3));
}

TEST(Index, ShortPostsAreNotCompared) {
  auto ix = NewIndex();
  ix->Add("好看");
  EXPECT_EQ(ix->Cluster(ix->Add("好看")), 1u);
}

TEST(Index, RejectsBadOptions) {
  IndexOptions o;
  o.bands = 40;  // 40 * 4 > 128
  EXPECT_FALSE(Index::Create(o, CommonShingles(), Norm()).ok());
  o.bands = 262151;  // bands * rows overflows int
  o.rows = 9216;
  EXPECT_FALSE(Index::Create(o, CommonShingles(), Norm()).ok());
  o = {};
  o.min_jaccard = 0;
  EXPECT_FALSE(Index::Create(o, CommonShingles(), Norm()).ok());
  EXPECT_FALSE(Index::Create({}, CommonShingles(), nullptr).ok());
}

}  // namespace
}  // namespace jianmei::campaign
