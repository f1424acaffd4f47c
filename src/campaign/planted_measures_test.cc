// The measures a regulator's use needs (issue 25), on a planted corpus with decoys: campaigns
// found per edit rate, post and cluster precision counting only clusters reported as
// campaigns, decoy groups reported as campaigns, and a contactless campaign of 3 % of the input.
// Prints every figure; asserts the targets.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "campaign/campaign.h"
#include "campaign/planted_corpus.h"
#include "core/rfc3339.h"

namespace jianmei::campaign {
namespace {

// Only clusters of kind campaign count as reported campaigns.
bool ReportedAsCampaign(const Campaign& c) { return c.kind == ClusterKind::kCampaign; }

struct Measures {
  std::map<double, std::pair<size_t, size_t>> found;  // rate → {found, planted}
  size_t flagged_posts = 0, flagged_planted = 0;      // posts in campaign clusters; planted among them
  size_t clusters = 0, planted_clusters = 0;          // campaign clusters; with a planted majority
  std::map<DecoyKind, std::pair<size_t, size_t>> decoys;  // kind → {reported, groups}
  bool big_found = false;
  size_t big_posts = 0, largest_cluster = 0;
};

Measures Measure(const PlantedCorpus& corpus) {
  const auto campaigns = ClusterPlanted(corpus);

  Measures m;
  std::vector<size_t> planted_size(corpus.campaign_rate.size());
  for (const PlantedPost& p : corpus.posts) {
    if (p.campaign >= 0) ++planted_size[p.campaign];
  }
  std::vector<bool> found(corpus.campaign_rate.size()), decoy_reported(corpus.decoy_kind.size());
  for (const Campaign& c : campaigns) {
    m.largest_cluster = std::max(m.largest_cluster, c.posts.size());
    if (!ReportedAsCampaign(c)) continue;
    ++m.clusters;
    std::map<int, size_t> planted, decoy;
    for (uint32_t d : c.posts) {
      ++m.flagged_posts;
      const PlantedPost& p = corpus.posts[d];
      if (p.campaign >= 0) ++m.flagged_planted, ++planted[p.campaign];
      if (p.decoy >= 0) ++decoy[p.decoy];
    }
    size_t best = 0;
    int best_label = -1;
    for (auto [label, k] : planted) {
      if (k > best) best = k, best_label = label;
    }
    for (auto [group, k] : decoy) {
      if (k > best) best = k, best_label = -2 - group;
    }
    if (best_label >= 0) {
      ++m.planted_clusters;
      // Found: one cluster holds >= 80 % of the campaign's posts and is <= 20 % foreign.
      const double size = static_cast<double>(c.posts.size());
      if (best >= 0.8 * static_cast<double>(planted_size[best_label]) && best >= 0.8 * size) {
        found[best_label] = true;
      }
    } else if (best_label <= -2) {
      decoy_reported[-2 - best_label] = true;
    }
  }
  for (size_t k = 0; k < found.size(); ++k) {
    auto& [f, n] = m.found[corpus.campaign_rate[k]];
    f += found[k];
    ++n;
  }
  for (size_t g = 0; g < decoy_reported.size(); ++g) {
    auto& [r, n] = m.decoys[corpus.decoy_kind[g]];
    r += decoy_reported[g];
    ++n;
  }
  if (corpus.big_campaign >= 0) {
    m.big_found = found[corpus.big_campaign];
    m.big_posts = planted_size[corpus.big_campaign];
  }
  return m;
}

PlantedOptions Issue25Corpus(uint64_t seed, double big_rate) {
  PlantedOptions o;
  o.seed = seed;
  o.background = 3000;
  o.edit_rates = {0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.35};
  o.campaigns_per_rate = 6;
  o.min_copies = 5;
  o.max_copies = 60;
  o.decoy_groups_per_kind = 8;
  o.big_campaign_share = 0.03;
  o.big_campaign_rate = big_rate;
  return o;
}

TEST(PlantedMeasures, CampaignsFoundSharedTextToldApartBigCampaignFound) {
  for (uint64_t seed : {1u, 2u}) {
    for (double big_rate : {0.0, 0.10}) {
      const PlantedCorpus corpus = GeneratePlanted(Issue25Corpus(seed, big_rate));
      const Measures m = Measure(corpus);
      std::printf("seed %llu, %zu posts, big campaign %zu copies at %.0f%% edits:\n",
                  static_cast<unsigned long long>(seed), corpus.posts.size(), m.big_posts,
                  big_rate * 100);
      size_t found_low = 0, planted_low = 0;
      for (const auto& [rate, fn] : m.found) {
        std::printf("  found at %2.0f%% edits: %zu/%zu\n", rate * 100, fn.first, fn.second);
        if (rate <= 0.25 + 1e-9) found_low += fn.first, planted_low += fn.second;
      }
      const double post_precision =
          m.flagged_posts ? static_cast<double>(m.flagged_planted) / m.flagged_posts : 1.0;
      std::printf("  found at <=25%%: %zu/%zu; post precision %.3f (%zu posts); cluster precision "
                  "%zu/%zu; largest cluster %zu posts\n",
                  found_low, planted_low, post_precision, m.flagged_posts, m.planted_clusters,
                  m.clusters, m.largest_cluster);
      size_t decoys_reported = 0, decoy_groups = 0;
      for (const auto& [kind, rn] : m.decoys) {
        std::printf("  decoys reported as campaigns, %s: %zu/%zu\n", DecoyKindName(kind), rn.first,
                    rn.second);
        decoys_reported += rn.first, decoy_groups += rn.second;
      }
      std::printf("  big contactless campaign found: %s\n", m.big_found ? "yes" : "no");
      EXPECT_GE(found_low, 0.98 * static_cast<double>(planted_low)) << "seed " << seed;
      EXPECT_GE(post_precision, 0.8) << "seed " << seed;
      EXPECT_LE(decoys_reported, decoy_groups / 10) << "seed " << seed;
      EXPECT_TRUE(m.big_found) << "seed " << seed << " big rate " << big_rate;
    }
  }
}

}  // namespace
}  // namespace jianmei::campaign
