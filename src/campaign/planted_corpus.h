// Planted-campaign corpus for evaluation and benchmarks: background posts of the medical-
// aesthetics niche (experiences, questions, complaints, clinics advertising from their own
// account) built from shared phrase pools, so the niche's boilerplate is present, and hidden
// among them ghost-written campaigns: one drafted ad edited per copy at a given rate and posted
// by distinct synthetic accounts within hours to days. Deterministic for a seed; pure.
//
// Edit rate r: content edits (synonym swaps, changed prices and names, inserted and deleted
// phrases) change about r of the draft's characters; cosmetic edits (reordered sentences,
// emoji and noise, traditional characters) come on top and are not counted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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
};

struct PlantedPost {
  std::string id, author, posted_at, text;
  int campaign = -1;  // index into PlantedCorpus::campaign_rate, -1 for background
};

struct PlantedCorpus {
  std::vector<PlantedPost> posts;   // shuffled
  std::vector<double> campaign_rate;  // edit rate of each planted campaign
};

PlantedCorpus GeneratePlanted(const PlantedOptions& options);

}  // namespace jianmei::campaign
