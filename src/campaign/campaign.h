// Campaigns: clusters of the Index spanning at least `min_accounts` distinct accounts, with
// what each reports (accounts, time span, handles and institutions, representative text, what
// varies between copies) and its score. Pure function of an Index and the posts' metadata;
// the result owns copies of everything it reports.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "campaign/handles.h"
#include "campaign/index.h"
#include "campaign/split.h"
#include "campaign/variation.h"

namespace jianmei::campaign {

// What screening found in a post that bears on a campaign (the campaign module does not screen;
// the caller fills this from a screen::Report).
struct PromotedEntity {
  std::string kind;  // "procedure" or "product" (drug or device)
  std::string name;
  friend auto operator<=>(const PromotedEntity&, const PromotedEntity&) = default;
};

struct PostInfo {
  std::string id;                // may be empty
  std::string author;            // empty = unknown: the post counts as its own account
  std::optional<int64_t> time;   // seconds since the epoch (posted_at)
  std::string text;              // original text
  double findings = 0;           // screening severity in [0, 1] (risk / 100)
  bool paid_or_testimonial = false;  // a paid_promotion or testimonial_or_endorser finding
  bool banned_procedure = false;     // a non_catalog_procedure finding (banned / non-standard)
  bool promotional = false;          // screening read the post as promotion (Report::promotional)
  std::vector<PromotedEntity> entities = {};  // procedures and products it names, distinct
};

// A post's weight in the findings part: 1 for a paid post or testimonial for a banned procedure
// (the worst case of the issue), else its screening severity.
double PostSeverity(const PostInfo& post);

struct CampaignOptions {
  size_t min_accounts = 3;             // distinct accounts for a cluster to be a campaign
  double window_share = 0.05;          // compactness window = this share of the corpus time range,
  int64_t min_window_seconds = 3600;   //   clamped to [min_window_seconds, max_window_seconds]
  int64_t max_window_seconds = 7 * 86400;
  // Score weights (sum 100): accounts, compactness, shared handles, co-participation, findings.
  double w_accounts = 30, w_compact = 20, w_handles = 15, w_coparticipation = 15, w_findings = 20;
  // A cluster is a campaign when at least this share of its posts promote in concert (a contact
  // handle or a price offer another post of the cluster carries too, or screening's promotion,
  // paid-post or testimonial finding); otherwise it is shared text (news, memes, platform
  // templates, quotes).
  double min_promotion_share = 0.5;
  // Chaining bound (Split): every reported member has exact Jaccard >= centre_jaccard to its
  // group's centre (or shares a contact handle with it); a cluster is split into at most
  // max_groups_per_cluster centred groups, and posts left over are not reported.
  double centre_jaccard = 0.3;
  size_t max_groups_per_cluster = 128;  // bounds the report's work on huge chained clusters
};

enum class ClusterKind : uint8_t { kCampaign = 0, kSharedText = 1 };
// "campaign", "shared_text".
const char* ClusterKindName(ClusterKind kind);

struct HandleCount {
  Handle handle;
  size_t posts = 0;  // posts of the campaign that carry it
};

struct ScoreParts {
  double accounts = 0;          // min(1, ln(accounts / 2) / ln 25): 3 → 0.13, 10 → 0.5, 50 → 1
  double compactness = 0;       // largest share of timed posts inside one window
  double shared_handles = 0;    // share of posts carrying a contact handle another post also carries
  double coparticipation = 0;   // share of named accounts that appear in another campaign too
  double findings = 0;          // mean PostSeverity of the posts
};

struct EntityCount {
  PromotedEntity entity;
  size_t posts = 0;  // posts of the campaign that name it
};

struct Campaign {
  uint32_t cluster = 0;                 // its first post's number (the index's cluster id when
                                        //   the group holds the index cluster's first post)
  uint32_t centre = 0;                  // the post every member is within min_jaccard of
  ClusterKind kind = ClusterKind::kCampaign;
  double promotion_share = 0;           // share of posts that promote (see min_promotion_share)
  std::vector<uint32_t> posts;          // post numbers in the index, ascending
  std::vector<std::string> accounts;    // distinct named accounts, sorted
  size_t anonymous_posts = 0;           // posts without an author
  size_t account_count = 0;             // accounts.size() + anonymous_posts
  std::optional<int64_t> first, last;   // earliest and latest posted_at
  int64_t window_seconds = 0;
  std::vector<HandleCount> handles;     // every handle seen, most posts first
  std::vector<EntityCount> entities;    // procedures and products from screening, most posts first
  ScoreParts parts;
  int score = 0;                        // 0..100: campaigns 30..100, shared text 0..30
  Variation variation;
};

// Clusters of at least min_accounts accounts, each a campaign or shared text, campaigns first,
// then by score (highest first), then by cluster. posts[i] describes index post i; posts beyond
// the index (or missing) are ignored.
std::vector<Campaign> FindCampaigns(const Index& index, std::span<const PostInfo> posts,
                                    const CampaignOptions& options);

}  // namespace jianmei::campaign
