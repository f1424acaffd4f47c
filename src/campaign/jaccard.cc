#include "campaign/jaccard.h"

#include <functional>
#include <numeric>

namespace jianmei::campaign {

double Jaccard(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

std::vector<uint32_t> BruteForceClusters(const std::vector<std::vector<uint32_t>>& sets,
                                         double threshold, size_t min_size) {
  std::vector<uint32_t> parent(sets.size());
  std::iota(parent.begin(), parent.end(), 0u);
  std::function<uint32_t(uint32_t)> find = [&](uint32_t x) {
    return parent[x] == x ? x : parent[x] = find(parent[x]);
  };
  for (size_t i = 0; i < sets.size(); ++i) {
    if (sets[i].size() < min_size) continue;
    for (size_t j = i + 1; j < sets.size(); ++j) {
      if (sets[j].size() < min_size || Jaccard(sets[i], sets[j]) < threshold) continue;
      const uint32_t a = find(i), b = find(j);
      if (a < b) parent[b] = a;
      else parent[a] = b;
    }
  }
  std::vector<uint32_t> out(sets.size());
  for (size_t i = 0; i < sets.size(); ++i) out[i] = find(i);
  return out;
}

}  // namespace jianmei::campaign
