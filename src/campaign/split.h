// Split: the chaining bound. The index links posts by single link (a post joins any cluster it
// resembles), so templated posts can chain into one cluster of thousands whose two ends share
// nothing. Split cuts an index cluster into centred groups: repeatedly the medoid of the first
// 64 remaining posts becomes a centre and takes every remaining post with exact Jaccard >=
// `centre_jaccard` to it, or sharing a contact handle with it. Every reported member is thus
// within the threshold of its group's centre. Pure function of the index; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "campaign/index.h"

namespace jianmei::campaign {

struct CentredGroup {
  uint32_t centre = 0;
  std::vector<uint32_t> posts;  // ascending, includes the centre
};

// `members`: one index cluster's posts, ascending. Groups of fewer than `min_posts` posts are
// dropped (their posts are not reported); at most `max_groups` centres are tried, so the work is
// O(members · max_groups) Jaccards at worst.
std::vector<CentredGroup> Split(const Index& index, std::span<const uint32_t> members,
                                double centre_jaccard, size_t min_posts, size_t max_groups);

}  // namespace jianmei::campaign
