// Evaluation on planted campaigns: precision and recall of campaign membership per edit rate,
// and no campaign made of background posts alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>

#include "campaign/campaign.h"
#include "campaign/planted_corpus.h"
#include "core/rfc3339.h"

namespace jianmei::campaign {
namespace {

struct RateScore {
  double recall_sum = 0, precision_sum = 0;
  size_t planted = 0, detected = 0;
  double recall() const { return planted ? recall_sum / planted : 0; }
  double precision() const { return detected ? precision_sum / detected : 1; }
};

struct Evaluation {
  std::map<double, RateScore> by_rate;
  size_t background_campaigns = 0;  // detected campaigns without one planted post
  size_t background_posts_in_campaigns = 0;
  size_t campaigns = 0;
};

Evaluation Evaluate(const PlantedCorpus& corpus, bool link_contacts = true) {
  IndexOptions options;
  options.link_contacts = link_contacts;
  std::vector<Campaign> campaigns;  // only clusters reported as campaigns, not shared text
  for (Campaign& c : ClusterPlanted(corpus, options)) {
    if (c.kind == ClusterKind::kCampaign) campaigns.push_back(std::move(c));
  }

  Evaluation e;
  e.campaigns = campaigns.size();
  std::vector<size_t> planted_size(corpus.campaign_rate.size());
  for (const PlantedPost& p : corpus.posts) {
    if (p.campaign >= 0) ++planted_size[p.campaign];
  }
  std::vector<int> detected_of(corpus.posts.size(), -1);
  for (size_t c = 0; c < campaigns.size(); ++c) {
    std::map<int, size_t> labels;
    for (uint32_t d : campaigns[c].posts) {
      detected_of[d] = static_cast<int>(c);
      ++labels[corpus.posts[d].campaign];
    }
    int majority = -1;
    size_t best = 0;
    for (auto [label, k] : labels) {
      if (label >= 0 && k > best) best = k, majority = label;
    }
    if (majority < 0) ++e.background_campaigns;
    for (uint32_t d : campaigns[c].posts) {
      const int label = corpus.posts[d].campaign;
      if (label < 0) ++e.background_posts_in_campaigns;
      const int attributed = label >= 0 ? label : majority;
      if (attributed < 0) continue;
      RateScore& r = e.by_rate[corpus.campaign_rate[attributed]];
      ++r.detected;
      if (label >= 0) r.precision_sum += static_cast<double>(labels[label]) / campaigns[c].posts.size();
    }
  }
  for (size_t d = 0; d < corpus.posts.size(); ++d) {
    const int label = corpus.posts[d].campaign;
    if (label < 0) continue;
    RateScore& r = e.by_rate[corpus.campaign_rate[label]];
    ++r.planted;
    if (detected_of[d] < 0) continue;
    size_t same = 0;
    for (uint32_t o : campaigns[detected_of[d]].posts) same += corpus.posts[o].campaign == label;
    r.recall_sum += static_cast<double>(same) / planted_size[label];
  }
  return e;
}

// Every copy of a planted campaign carries the draft's contact, so with contact links the
// handle alone would find them; the text-only run (contacts not linked) measures the MinHash/LSH
// path by itself, and both must pass.
class Planted : public ::testing::TestWithParam<bool> {};

TEST_P(Planted, PrecisionAndRecallPerEditRate) {
  const bool link_contacts = GetParam();
  for (uint64_t seed : {1u, 2u}) {
    PlantedOptions o;
    o.seed = seed;
    const PlantedCorpus corpus = GeneratePlanted(o);
    const Evaluation e = Evaluate(corpus, link_contacts);
    std::printf("%s, seed %llu: %zu posts, %zu planted campaigns, %zu detected\n",
                link_contacts ? "text + contacts" : "text only", static_cast<unsigned long long>(seed),
                corpus.posts.size(), corpus.campaign_rate.size(), e.campaigns);
    for (const auto& [rate, r] : e.by_rate) {
      std::printf("  edit %4.0f%%: precision %.3f recall %.3f (%zu planted posts)\n", rate * 100,
                  r.precision(), r.recall(), r.planted);
      ASSERT_GT(r.planted, 0u);
      if (rate <= 0.15 + 1e-9) {
        EXPECT_GE(r.precision(), 0.95) << "seed " << seed << " rate " << rate;
        EXPECT_GE(r.recall(), 0.95) << "seed " << seed << " rate " << rate;
      }
    }
    std::printf("  background: %zu campaigns, %zu posts inside campaigns\n", e.background_campaigns,
                e.background_posts_in_campaigns);
    EXPECT_EQ(e.background_campaigns, 0u) << "seed " << seed;
  }
}

INSTANTIATE_TEST_SUITE_P(Links, Planted, ::testing::Bool());

TEST(PlantedCorpus, BackgroundAloneFormsNoCampaign) {
  PlantedOptions o;
  o.seed = 3;
  o.background = 3000;
  o.edit_rates = {};
  const Evaluation e = Evaluate(GeneratePlanted(o));
  EXPECT_EQ(e.campaigns, 0u);
}

TEST(PlantedCorpus, GeneratorPlantsWhatItSays) {
  PlantedOptions o;
  o.background = 100;
  o.edit_rates = {0.1};
  o.campaigns_per_rate = 3;
  const PlantedCorpus c = GeneratePlanted(o);
  ASSERT_EQ(c.campaign_rate.size(), 3u);
  std::map<int, std::set<std::string>> authors;
  std::map<int, size_t> size;
  for (const PlantedPost& p : c.posts) {
    EXPECT_TRUE(ParseRfc3339(p.posted_at).has_value()) << p.posted_at;
    if (p.campaign >= 0) {
      authors[p.campaign].insert(p.author);
      ++size[p.campaign];
    }
  }
  for (int k = 0; k < 3; ++k) {
    EXPECT_GE(size[k], 5u);
    EXPECT_LE(size[k], 20u);
    EXPECT_EQ(authors[k].size(), size[k]) << "every copy from a distinct account";
  }
  EXPECT_EQ(GeneratePlanted(o).posts[7].text, c.posts[7].text);  // deterministic
}

}  // namespace
}  // namespace jianmei::campaign

namespace jianmei::campaign {
namespace {

// The read-only query answers what an insert would do: each held-out post of a planted corpus
// is assigned (Assign names clusters, changes nothing), then inserted; Insert must merge it with
// exactly the clusters Assign named.
TEST(PlantedCorpus, AssignAgreesWithInsertOnHeldOutPosts) {
  PlantedOptions o;
  o.seed = 5;
  o.background = 600;
  o.campaigns_per_rate = 3;
  const PlantedCorpus corpus = GeneratePlanted(o);
  const size_t held_out = 150, n = corpus.posts.size() - held_out;
  auto normalizer = text::Normalizer::Create();
  ASSERT_TRUE(normalizer.ok());
  auto created = Index::Create({}, CommonShingles(), *normalizer);
  ASSERT_TRUE(created.ok());
  Index& index = **created;
  for (size_t i = 0; i < n; ++i) index.Add(corpus.posts[i].text);
  const std::string saved = index.Save();
  for (size_t i = n; i < n + 20; ++i) index.Assign(index.Featurize(corpus.posts[i].text));
  EXPECT_EQ(index.Save(), saved);
  size_t joined_some = 0, joined_several = 0;
  for (size_t i = n; i < corpus.posts.size(); ++i) {
    Index::Features f = index.Featurize(corpus.posts[i].text);
    const std::vector<uint32_t> clusters = index.Assign(f);
    std::vector<uint32_t> before(index.size());
    for (uint32_t d = 0; d < before.size(); ++d) before[d] = index.Cluster(d);
    const uint32_t doc = index.Insert(std::move(f));
    std::vector<uint32_t> merged;  // old clusters now sharing the new post's cluster
    for (uint32_t d = 0; d < before.size(); ++d) {
      if (index.Cluster(d) == index.Cluster(doc)) merged.push_back(before[d]);
    }
    std::sort(merged.begin(), merged.end());
    merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
    EXPECT_EQ(clusters, merged) << "post " << i;
    joined_some += !clusters.empty();
    joined_several += clusters.size() > 1;
  }
  EXPECT_GT(joined_some, 20u);  // the held-out posts include campaign copies
  std::cout << "held out " << held_out << ": " << joined_some << " join a cluster, " << joined_several
            << " join several\n";
}

}  // namespace
}  // namespace jianmei::campaign

namespace jianmei::campaign {
namespace {

// A clinic's big push: 100 copies of one contactless ad from 100 accounts among ~3,000 posts
// (3 %, above the 2 % document-frequency share). Its text is common *and* long, so it is copied
// text, not boilerplate: the whole group must be found as one campaign.
TEST(PlantedCorpus, ACampaignAboveTheBoilerplateShareIsFound) {
  PlantedOptions o;
  o.seed = 7;
  o.background = 2900;
  o.edit_rates = {};
  o.big_campaign_share = 100.0 / 3000;
  const PlantedCorpus corpus = GeneratePlanted(o);
  ASSERT_GE(corpus.big_campaign, 0);
  size_t planted = 0;
  for (const PlantedPost& p : corpus.posts) planted += p.campaign == corpus.big_campaign;
  ASSERT_EQ(planted, 100u);
  auto normalizer = text::Normalizer::Create();
  auto probe = Index::Create({}, CommonShingles(), *normalizer);
  CommonShingles::Counter counter;
  for (const PlantedPost& p : corpus.posts) counter.Add((*probe)->RawShingles(p.text));
  IndexOptions options;
  options.link_contacts = false;  // it has no contact anyway
  auto index = Index::Create(options, counter.Build({}), *normalizer);
  std::vector<PostInfo> infos;
  for (const PlantedPost& p : corpus.posts) {
    infos.push_back({p.id, p.author, ParseRfc3339(p.posted_at), p.text, 0});
    (*index)->Add(p.text);
  }
  size_t best = 0;
  for (const Campaign& c : FindCampaigns(**index, infos, {})) {
    size_t mine = 0;
    for (uint32_t d : c.posts) mine += corpus.posts[d].campaign == corpus.big_campaign;
    best = std::max(best, mine);
  }
  EXPECT_EQ(best, 100u);
}

}  // namespace
}  // namespace jianmei::campaign
