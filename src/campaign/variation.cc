#include "campaign/variation.h"

#include <algorithm>
#include <map>
#include <set>

#include "campaign/jaccard.h"

namespace jianmei::campaign {
namespace {

constexpr size_t kMedoidSample = 64;
constexpr double kStable = 0.8;

struct Clause {
  std::string key;       // folded
  std::string original;  // original bytes
};

std::vector<Clause> Clauses(const text::Normalizer& n, std::string_view text) {
  const text::NormalizedText t = n.Normalize(text, kCampaignFolding);
  std::vector<Clause> out;
  uint32_t begin = 0;
  auto emit = [&](uint32_t end) {
    if (end >= begin + 6) {  // at least two CJK characters
      out.push_back({t.folded.substr(begin, end - begin),
                     std::string(t.ToOriginal({begin, end}).Slice(text))});
    }
    begin = end;
  };
  for (const text::ClauseBreak& b : t.breaks) emit(b.pos);
  emit(static_cast<uint32_t>(t.folded.size()));
  return out;
}

std::set<std::string> Numbers(const text::Normalizer& n, std::string_view text) {
  const std::string f = n.Fold(text);
  std::set<std::string> out;
  for (size_t i = 0; i < f.size();) {
    if (f[i] < '0' || f[i] > '9') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < f.size() && f[j] >= '0' && f[j] <= '9') ++j;
    if (j - i >= 2) out.insert(f.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

Variation Describe(const Index& index, std::span<const uint32_t> posts,
                   std::span<const std::string_view> texts) {
  Variation v;
  if (posts.empty()) return v;
  // Medoid over a prefix sample: the copy most similar to the others.
  const size_t m = std::min(posts.size(), kMedoidSample);
  double best = -1;
  size_t rep = 0;
  for (size_t i = 0; i < m; ++i) {
    double sum = 0;
    for (size_t j = 0; j < m; ++j) {
      if (i != j) sum += Jaccard(index.shingles(posts[i]), index.shingles(posts[j]));
    }
    if (sum > best) {
      best = sum;
      rep = i;
    }
  }
  v.representative = posts[rep];

  const text::Normalizer& n = index.normalizer();
  std::map<std::string, ClauseCount> counts;  // folded clause → count
  std::map<std::string, size_t> number_counts;
  for (size_t i = 0; i < posts.size(); ++i) {
    std::set<std::string> seen;
    for (Clause& c : Clauses(n, texts[i])) {
      if (!seen.insert(c.key).second) continue;
      auto [it, added] = counts.try_emplace(c.key, ClauseCount{std::move(c.original), 0});
      ++it->second.copies;
    }
    for (const std::string& num : Numbers(n, texts[i])) ++number_counts[num];
  }
  const auto need = static_cast<size_t>(kStable * static_cast<double>(posts.size()) + 0.999);
  std::set<std::string> rep_keys;
  size_t stable = 0, total = 0;
  for (const Clause& c : Clauses(n, texts[rep])) {
    if (!rep_keys.insert(c.key).second) continue;
    ++total;
    const ClauseCount& cc = counts[c.key];
    if (cc.copies >= need) ++stable;
    else if (v.changed.size() < 8) v.changed.push_back(cc);
  }
  v.stable_share = total ? static_cast<double>(stable) / static_cast<double>(total) : 0;
  for (const auto& [key, cc] : counts) {
    if (!rep_keys.count(key)) v.added.push_back(cc);
  }
  std::stable_sort(v.added.begin(), v.added.end(),
                   [](const ClauseCount& a, const ClauseCount& b) { return a.copies > b.copies; });
  if (v.added.size() > 8) v.added.resize(8);
  for (const auto& [num, k] : number_counts) {
    if (k < posts.size() && v.numbers.size() < 10) v.numbers.push_back(num);
  }
  return v;
}

}  // namespace jianmei::campaign
