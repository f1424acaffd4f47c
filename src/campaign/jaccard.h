// Exact Jaccard similarity of sorted shingle sets, and the brute-force reference clustering
// (every pair compared) that the LSH index is checked against. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace jianmei::campaign {

// |a ∩ b| / |a ∪ b| for strictly ascending a and b; 0 when both are empty.
double Jaccard(std::span<const uint32_t> a, std::span<const uint32_t> b);

// Reference: connected components of the graph whose edges are all pairs with
// Jaccard >= threshold (sets with fewer than min_size shingles have no edges).
// Returns, for every set, the smallest index in its component. O(n^2); for tests only.
std::vector<uint32_t> BruteForceClusters(const std::vector<std::vector<uint32_t>>& sets,
                                         double threshold, size_t min_size);

}  // namespace jianmei::campaign
