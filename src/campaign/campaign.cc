#include "campaign/campaign.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "campaign/offer.h"

namespace jianmei::campaign {
namespace {

// Largest share of `times` (sorted) inside any window of `window` seconds.
double Compactness(const std::vector<int64_t>& times, int64_t window) {
  if (times.size() < 2) return 0;
  size_t best = 0;
  for (size_t i = 0, j = 0; j < times.size(); ++j) {
    while (times[j] - times[i] > window) ++i;
    best = std::max(best, j - i + 1);
  }
  return static_cast<double>(best) / static_cast<double>(times.size());
}

int64_t Window(std::span<const PostInfo> posts, const CampaignOptions& o) {
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (const PostInfo& p : posts) {
    if (!p.time) continue;
    lo = std::min(lo, *p.time);
    hi = std::max(hi, *p.time);
  }
  const double range = lo <= hi ? static_cast<double>(hi) - static_cast<double>(lo) : 0;
  const auto w = static_cast<int64_t>(o.window_share * range);
  return std::clamp(w, o.min_window_seconds, o.max_window_seconds);
}

// {key, posts} records sorted by posts, descending; ties keep the map's key order.
template <typename Count, typename Key>
std::vector<Count> MostPostsFirst(const std::map<Key, size_t>& posts_of) {
  std::vector<Count> out;
  for (const auto& [key, posts] : posts_of) out.push_back({key, posts});
  std::stable_sort(out.begin(), out.end(), [](const Count& a, const Count& b) { return a.posts > b.posts; });
  return out;
}

// Which posts of a group promote something in concert: screening's promotion, paid-post or
// testimonial finding, or a contact handle or a price offer that another post of the group
// carries too (a coordinated offer, not one poster's own price).
std::vector<bool> Promoting(const Index& index, std::span<const PostInfo> posts,
                            std::span<const uint32_t> group,
                            const std::map<Handle, size_t>& handle_posts) {
  std::vector<std::vector<std::string>> prices(group.size());
  std::map<std::string, size_t> price_posts;
  for (size_t i = 0; i < group.size(); ++i) {
    prices[i] = PriceOffers(index.normalizer().Normalize(posts[group[i]].text, kCampaignFolding).folded);
    for (const std::string& p : prices[i]) ++price_posts[p];
  }
  std::vector<bool> out(group.size());
  for (size_t i = 0; i < group.size(); ++i) {
    const PostInfo& p = posts[group[i]];
    bool promotes = p.promotional || p.paid_or_testimonial;
    for (const Handle& h : index.handles(group[i])) {
      promotes = promotes || (IsContactKind(h.kind) && handle_posts.at(h) >= 2);
    }
    for (const std::string& price : prices[i]) promotes = promotes || price_posts[price] >= 2;
    out[i] = promotes;
  }
  return out;
}

}  // namespace

const char* ClusterKindName(ClusterKind kind) {
  return kind == ClusterKind::kCampaign ? "campaign" : "shared_text";
}

double PostSeverity(const PostInfo& p) {
  if (p.paid_or_testimonial && p.banned_procedure) return 1.0;
  return std::clamp(p.findings, 0.0, 1.0);
}

std::vector<Campaign> FindCampaigns(const Index& index, std::span<const PostInfo> posts,
                                    const CampaignOptions& o) {
  const size_t n = std::min(index.size(), posts.size());
  std::unordered_map<uint32_t, std::vector<uint32_t>> clusters;
  for (uint32_t d = 0; d < n; ++d) clusters[index.Cluster(d)].push_back(d);

  std::vector<Campaign> out;
  for (auto& [root, members] : clusters) {
    if (members.size() < o.min_accounts) continue;
    std::sort(members.begin(), members.end());
    for (CentredGroup& g :
         Split(index, members, o.centre_jaccard, o.min_accounts, o.max_groups_per_cluster)) {
      Campaign c;
      c.cluster = g.posts.front();
      c.centre = g.centre;
      for (uint32_t d : g.posts) {
        if (posts[d].author.empty()) ++c.anonymous_posts;
        else c.accounts.push_back(posts[d].author);
      }
      std::sort(c.accounts.begin(), c.accounts.end());
      c.accounts.erase(std::unique(c.accounts.begin(), c.accounts.end()), c.accounts.end());
      c.account_count = c.accounts.size() + c.anonymous_posts;
      if (c.account_count < o.min_accounts) continue;
      c.posts = std::move(g.posts);
      out.push_back(std::move(c));
    }
  }

  const int64_t window = Window(posts.first(n), o);
  for (Campaign& c : out) {
    std::vector<int64_t> times;
    std::map<Handle, size_t> handle_posts;
    std::map<PromotedEntity, size_t> entity_posts;
    double findings = 0;
    for (uint32_t d : c.posts) {
      if (posts[d].time) times.push_back(*posts[d].time);
      for (const Handle& h : index.handles(d)) ++handle_posts[h];
      for (const PromotedEntity& e : posts[d].entities) ++entity_posts[e];
      findings += PostSeverity(posts[d]);
    }
    std::sort(times.begin(), times.end());
    if (!times.empty()) {
      c.first = times.front();
      c.last = times.back();
    }
    c.window_seconds = window;
    size_t sharing = 0;
    for (uint32_t d : c.posts) {
      bool shared = false;
      for (const Handle& h : index.handles(d)) {
        shared = shared || (IsContactKind(h.kind) && handle_posts[h] >= 2);
      }
      sharing += shared;
    }
    c.handles = MostPostsFirst<HandleCount>(handle_posts);
    c.entities = MostPostsFirst<EntityCount>(entity_posts);
    const double size = static_cast<double>(c.posts.size());
    ScoreParts& p = c.parts;
    p.accounts = std::clamp(std::log(static_cast<double>(c.account_count) / 2) / std::log(25.0), 0.0, 1.0);
    p.compactness = Compactness(times, window);
    p.shared_handles = static_cast<double>(sharing) / size;
    p.findings = findings / size;
    const std::vector<bool> promoting = Promoting(index, posts, c.posts, handle_posts);
    c.promotion_share = static_cast<double>(std::count(promoting.begin(), promoting.end(), true)) / size;
    c.kind = c.promotion_share >= o.min_promotion_share ? ClusterKind::kCampaign : ClusterKind::kSharedText;

    std::vector<std::string_view> texts;
    for (uint32_t d : c.posts) texts.push_back(posts[d].text);
    c.variation = Describe(index, c.posts, texts);
  }

  // Hired accounts are reused across campaigns: accounts in more than one group of kind
  // campaign (quoting a meme is no sign of being hired).
  std::unordered_map<std::string_view, int> campaigns_of;
  for (const Campaign& c : out) {
    if (c.kind != ClusterKind::kCampaign) continue;
    for (const std::string& a : c.accounts) ++campaigns_of[a];
  }
  for (Campaign& c : out) {
    size_t repeat = 0;
    for (const std::string& a : c.accounts) repeat += campaigns_of[a] > 1;
    ScoreParts& p = c.parts;
    p.coparticipation =
        c.accounts.empty() ? 0 : static_cast<double>(repeat) / static_cast<double>(c.accounts.size());
    const double score = o.w_accounts * p.accounts + o.w_compact * p.compactness +
                         o.w_handles * p.shared_handles + o.w_coparticipation * p.coparticipation +
                         o.w_findings * p.findings;
    // Campaigns rank above shared text: campaigns score 30..100, shared text 0..30.
    const double raw = std::clamp(score, 0.0, 100.0);
    c.score = static_cast<int>(std::lround(c.kind == ClusterKind::kCampaign ? 30 + 0.7 * raw : 0.3 * raw));
  }
  std::sort(out.begin(), out.end(), [](const Campaign& a, const Campaign& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.score != b.score ? a.score > b.score : a.cluster < b.cluster;
  });
  return out;
}

}  // namespace jianmei::campaign
