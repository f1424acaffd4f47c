#include "campaign/split.h"

#include <algorithm>

#include "campaign/jaccard.h"

namespace jianmei::campaign {
namespace {

constexpr size_t kMedoidSample = 64;

bool ShareContact(const std::vector<Handle>& a, const std::vector<Handle>& b) {
  for (const Handle& h : a) {
    if (IsContactKind(h.kind) && std::find(b.begin(), b.end(), h) != b.end()) return true;
  }
  return false;
}

// The post of the first kMedoidSample of `posts` with the highest total Jaccard to the others.
uint32_t Medoid(const Index& index, std::span<const uint32_t> posts) {
  const size_t n = std::min(posts.size(), kMedoidSample);
  uint32_t best = posts[0];
  double best_sum = -1;
  for (size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (size_t j = 0; j < n; ++j) {
      if (i != j) sum += Jaccard(index.shingles(posts[i]), index.shingles(posts[j]));
    }
    if (sum > best_sum) best_sum = sum, best = posts[i];
  }
  return best;
}

}  // namespace

std::vector<CentredGroup> Split(const Index& index, std::span<const uint32_t> members,
                                double centre_jaccard, size_t min_posts, size_t max_groups) {
  std::vector<CentredGroup> groups;
  std::vector<uint32_t> remaining(members.begin(), members.end()), rest;
  for (size_t tries = 0; tries < max_groups && remaining.size() >= std::max<size_t>(min_posts, 1);
       ++tries) {
    CentredGroup g;
    g.centre = Medoid(index, remaining);
    const auto centre_shingles = index.shingles(g.centre);
    const auto& centre_handles = index.handles(g.centre);
    rest.clear();
    for (uint32_t d : remaining) {
      const auto theirs = index.shingles(d);
      // Jaccard <= smaller / larger set size: most far posts are rejected without a merge.
      const double small = static_cast<double>(std::min(theirs.size(), centre_shingles.size()));
      const double large = static_cast<double>(std::max(theirs.size(), centre_shingles.size()));
      const bool near = d == g.centre ||
                        (small >= centre_jaccard * large &&
                         Jaccard(theirs, centre_shingles) >= centre_jaccard) ||
                        ShareContact(index.handles(d), centre_handles);
      (near ? g.posts : rest).push_back(d);
    }
    remaining.swap(rest);
    if (g.posts.size() >= min_posts) groups.push_back(std::move(g));
  }
  return groups;
}

}  // namespace jianmei::campaign
