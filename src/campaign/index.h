// campaign::Index: incremental near-duplicate clustering of posts. Each post is normalised,
// cut into character shingles, stripped of the niche's common shingles, MinHashed and banded
// (LSH); every candidate from a shared bucket is confirmed by exact Jaccard before the post
// joins its cluster, and posts sharing a contact handle (WeChat, QQ, phone) are linked too.
// A cluster is named by its first (smallest-numbered) post.
//
// Owns all its state (shingle sets, handles, LSH buckets, union-find) and shares the
// normaliser. Featurize(), Cluster(), Assign() and CampaignOf() are const and thread-safe;
// Insert()/Add()/SetCampaignLabels() mutate and must be serialised by the caller. Save()/Load()
// write and read the format in doc/campaigns.md, campaign labels included.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "campaign/band_table.h"
#include "campaign/common_shingles.h"
#include "campaign/handles.h"
#include "campaign/minhash.h"
#include "campaign/shingles.h"
#include "core/status.h"
#include "text/normalizer.h"

namespace jianmei::campaign {

struct IndexOptions {
  uint64_t seed = 0x6a69616e6d656931ULL;  // permutations are drawn from it; saved with the index
  int permutations = 128;                  // MinHash signature length (1..1024)
  int bands = 32;                          // LSH bands; bands * rows <= permutations
  int rows = 4;                            // rows per band: S-curve midpoint (1/32)^(1/4) ≈ 0.42
  ShingleOptions shingles;                 // 3-grams, 2-grams below 24 code points
  double min_jaccard = 0.45;               // exact Jaccard needed to link two posts
  uint32_t min_shingles = 20;              // posts with fewer (after filtering) are not compared
  uint32_t max_bucket_scan = 64;           // newest posts examined per bucket and band
  bool link_contacts = true;               // posts sharing a WeChat/QQ/phone handle are linked
  // A run of at least this many consecutive common shingles (~18 characters) is copied text and
  // kept; shorter runs are stock phrases and dropped. 0 = drop every common shingle (format v1/v2).
  uint32_t copied_run = 16;
};

// Names the first option out of range, or ok.
Status ValidateOptions(const IndexOptions& options);

class Index {
 public:
  struct Features {
    std::vector<uint32_t> shingles;   // sorted, common shingles removed
    std::vector<uint32_t> band_keys;  // empty when the post has too few shingles
    std::vector<Handle> handles;
  };
  struct Stats {
    uint64_t candidates = 0;     // candidate pairs whose Jaccard was computed
    uint64_t jaccard_links = 0;  // confirmed pairs that merged two clusters
    uint64_t contact_links = 0;  // shared handles that merged two clusters
  };

  static Result<std::unique_ptr<Index>> Create(const IndexOptions& options, CommonShingles common,
                                               std::shared_ptr<const text::Normalizer> normalizer);
  // Reads a saved index; errors name the byte offset and what is wrong. Never crashes.
  static Result<std::unique_ptr<Index>> Load(std::string_view bytes,
                                             std::shared_ptr<const text::Normalizer> normalizer);
  // Reads a saved index file with a normaliser of its own; errors name the file.
  static Result<std::unique_ptr<Index>> LoadFile(const std::string& path);

  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  Features Featurize(std::string_view utf8_text) const;
  // The post's shingles before common ones are dropped (to train CommonShingles). Thread-safe.
  std::vector<uint32_t> RawShingles(std::string_view utf8_text) const;
  // Feeds every text's raw shingles to `counter`, computing them on `threads` threads.
  void CountShingles(std::span<const std::string_view> texts, unsigned threads,
                     CommonShingles::Counter* counter) const;
  // Adds one post; returns its number (0, 1, 2 … in order of addition).
  uint32_t Insert(Features features);
  uint32_t Add(std::string_view utf8_text) { return Insert(Featurize(utf8_text)); }
  // Featurizes on `threads` threads (0 = all cores), then inserts in order; appends numbers.
  void AddBatch(std::span<const std::string_view> texts, unsigned threads,
                std::vector<uint32_t>* docs);

  // The first post of doc's cluster.
  uint32_t Cluster(uint32_t doc) const;
  // The clusters a post with these features would join, without changing the index: those of
  // its confirmed candidates (exact Jaccard >= min_jaccard) and, when link_contacts, of the first
  // posts sharing its contact handles; ascending, distinct; empty if it would start its own.
  // Insert would merge them all into the first. Const and thread-safe.
  std::vector<uint32_t> Assign(const Features& features) const;

  // Campaign labels of clusters (cluster → label such as "c12"), set by whoever found the
  // campaigns and saved with the index; clusters must be current cluster ids (first posts).
  Status SetCampaignLabels(std::map<uint32_t, std::string> labels);
  const std::map<uint32_t, std::string>& campaign_labels() const { return labels_; }
  // The label of the first labelled cluster a post with this text would join (Assign), or null.
  // Thread-safe.
  const std::string* CampaignOf(std::string_view utf8_text) const;
  size_t size() const { return parent_.size(); }
  std::span<const uint32_t> shingles(uint32_t doc) const {
    return {shingle_data_.data() + shingle_off_[doc], shingle_data_.data() + shingle_off_[doc + 1]};
  }
  const std::vector<Handle>& handles(uint32_t doc) const { return handles_[doc]; }
  const IndexOptions& options() const { return options_; }
  const CommonShingles& common() const { return common_; }
  const text::Normalizer& normalizer() const { return *normalizer_; }
  const Stats& stats() const { return stats_; }
  size_t MemoryBytes() const;

  std::string Save() const;

 private:
  Index(const IndexOptions& options, CommonShingles common,
        std::shared_ptr<const text::Normalizer> normalizer);
  uint32_t Find(uint32_t x);
  bool Union(uint32_t a, uint32_t b);
  void Link(uint32_t doc, std::span<const uint32_t> band_keys);
  std::vector<uint32_t> BandKeysOf(std::span<const uint32_t> shingles) const;
  void Append(std::span<const uint32_t> shingles, std::vector<Handle> handles, uint32_t parent);

  IndexOptions options_;
  CommonShingles common_;
  std::shared_ptr<const text::Normalizer> normalizer_;
  MinHasher hasher_;
  BandTable bands_;
  std::vector<uint32_t> parent_;  // union-find; parent_[i] <= i, roots are their own parent
  std::vector<uint32_t> shingle_data_;
  std::vector<uint64_t> shingle_off_{0};
  std::vector<std::vector<Handle>> handles_;
  std::unordered_map<std::string, uint32_t> contact_first_;  // "kind:value" → first post
  std::vector<uint32_t> candidates_;                         // scratch
  std::map<uint32_t, std::string> labels_;
  Stats stats_;
};

}  // namespace jianmei::campaign
