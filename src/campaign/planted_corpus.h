// Planted-campaign corpus for evaluation and benchmarks: background posts of the medical-
// aesthetics niche (experiences, questions, complaints, clinics advertising from their own
// account) built from shared phrase pools, so the niche's boilerplate is present, and hidden
// among them ghost-written campaigns: one drafted ad edited per copy at a given rate and posted
// by distinct synthetic accounts within hours to days. Deterministic for a seed; pure.
//
// Decoys (planted_decoys.h): groups of posts quoting one news headline, meme or share template,
// each post from an unrelated account at any time of the period, with no contact and no offer.
// A big campaign: identical (or edited) copies of one draft without any contact handle, posted
// by distinct accounts within three days, making up a given share of the whole input.
//
// Edit rate r: content edits (synonym swaps, changed prices and names, inserted and deleted
// phrases) change about r of the draft's characters; cosmetic edits (reordered sentences,
// emoji and noise, traditional characters) come on top and are not counted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "campaign/campaign.h"
#include "campaign/index.h"
#include "campaign/planted_decoys.h"

namespace jianmei::campaign {

struct PlantedOptions {
  uint64_t seed = 1;
  size_t background = 2000;
  std::vector<double> edit_rates = {0.02, 0.05, 0.10, 0.15, 0.20};
  size_t campaigns_per_rate = 8;
  int min_copies = 5;
  int max_copies = 20;
  int64_t start = 1735689600;  // 2025-01-01T00:00:00Z
  int days = 90;
  size_t decoy_groups_per_kind = 0;  // groups of each DecoyKind
  int decoy_min_posts = 15;          // posts per decoy group, drawn uniformly
  int decoy_max_posts = 60;
  double big_campaign_share = 0;     // > 0: one contactless campaign of this share of all posts
  double big_campaign_rate = 0;      // its edit rate
};

struct PlantedPost {
  std::string id, author, posted_at, text;
  int campaign = -1;  // index into PlantedCorpus::campaign_rate, -1 for background
  int decoy = -1;     // index into PlantedCorpus::decoy_kind, -1 unless a decoy
};

struct PlantedCorpus {
  std::vector<PlantedPost> posts;   // shuffled
  std::vector<double> campaign_rate;  // edit rate of each planted campaign
  std::vector<DecoyKind> decoy_kind;  // kind of each decoy group
  int big_campaign = -1;              // campaign number of the big campaign, -1 if none
};

PlantedCorpus GeneratePlanted(const PlantedOptions& options);

// Every cluster FindCampaigns reports over the corpus (campaigns and shared text), the common
// shingles counted over the corpus itself as `jianmei campaigns` does: what the evaluations measure.
std::vector<Campaign> ClusterPlanted(const PlantedCorpus& corpus, IndexOptions options = {});

}  // namespace jianmei::campaign
