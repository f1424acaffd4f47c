#include "campaign/index.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "campaign/index_format.h"
#include "campaign/jaccard.h"
#include "campaign/parallel_for.h"

namespace jianmei::campaign {

Status ValidateOptions(const IndexOptions& o) {
  if (o.permutations < 1 || o.permutations > 1024)
    return Status::InvalidArgument("permutations must be in 1..1024");
  if (o.bands < 1 || o.rows < 1 || o.bands > o.permutations || o.rows > o.permutations ||
      static_cast<int64_t>(o.bands) * o.rows > o.permutations)
    return Status::InvalidArgument("bands and rows must be >= 1 with bands * rows <= permutations");
  if (o.shingles.k < 1 || o.shingles.k > 8 || o.shingles.short_k < 1 || o.shingles.short_k > 8)
    return Status::InvalidArgument("shingle lengths must be in 1..8");
  if (o.shingles.short_chars < 0 || o.shingles.short_chars > 100000)
    return Status::InvalidArgument("short_chars must be in 0..100000");
  if (!(o.min_jaccard > 0 && o.min_jaccard <= 1))
    return Status::InvalidArgument("min_jaccard must be in (0, 1]");
  if (o.max_bucket_scan < 1) return Status::InvalidArgument("max_bucket_scan must be >= 1");
  if (o.copied_run > 1000000) return Status::InvalidArgument("copied_run must be <= 1000000");
  return Status::Ok();
}

Index::Index(const IndexOptions& options, CommonShingles common,
             std::shared_ptr<const text::Normalizer> normalizer)
    : options_(options),
      common_(std::move(common)),
      normalizer_(std::move(normalizer)),
      hasher_(options.seed, options.permutations),
      bands_(options.bands) {}

Result<std::unique_ptr<Index>> Index::Create(const IndexOptions& options, CommonShingles common,
                                             std::shared_ptr<const text::Normalizer> normalizer) {
  if (Status s = ValidateOptions(options); !s.ok()) return s;
  if (!normalizer) return Status::InvalidArgument("no normaliser");
  return std::unique_ptr<Index>(new Index(options, std::move(common), std::move(normalizer)));
}

std::vector<uint32_t> Index::BandKeysOf(std::span<const uint32_t> shingles) const {
  std::vector<uint32_t> keys;
  if (shingles.size() < options_.min_shingles) return keys;
  std::vector<uint32_t> signature;
  hasher_.Signature(shingles, &signature);
  MinHasher::BandKeys(signature, options_.bands, options_.rows, &keys);
  return keys;
}

std::vector<uint32_t> Index::RawShingles(std::string_view utf8_text) const {
  return Shingles(normalizer_->Normalize(utf8_text, kCampaignFolding).folded, options_.shingles);
}

Index::Features Index::Featurize(std::string_view utf8_text) const {
  Features f;
  const text::NormalizedText t = normalizer_->Normalize(utf8_text, kCampaignFolding);
  f.shingles = common_.KeepCopiedRuns(ShingleSequence(t.folded, options_.shingles), options_.copied_run);
  f.band_keys = BandKeysOf(f.shingles);
  f.handles = ExtractHandles(utf8_text, t);
  return f;
}

uint32_t Index::Find(uint32_t x) {
  uint32_t root = x;
  while (parent_[root] != root) root = parent_[root];
  while (parent_[x] != root) {
    const uint32_t next = parent_[x];
    parent_[x] = root;
    x = next;
  }
  return root;
}

uint32_t Index::Cluster(uint32_t doc) const {
  while (parent_[doc] != doc) doc = parent_[doc];
  return doc;
}

bool Index::Union(uint32_t a, uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return false;
  if (a < b) parent_[b] = a;
  else parent_[a] = b;
  return true;
}

void Index::Append(std::span<const uint32_t> shingles, std::vector<Handle> handles,
                   uint32_t parent) {
  parent_.push_back(parent);
  shingle_data_.insert(shingle_data_.end(), shingles.begin(), shingles.end());
  shingle_off_.push_back(shingle_data_.size());
  handles_.push_back(std::move(handles));
}

void Index::Link(uint32_t doc, std::span<const uint32_t> band_keys) {
  if (band_keys.empty()) {
    bands_.InsertEmpty();
    return;
  }
  candidates_.clear();
  bands_.ForEachCandidate(band_keys, options_.max_bucket_scan,
                          [&](uint32_t c) { candidates_.push_back(c); });
  std::sort(candidates_.begin(), candidates_.end());
  candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
  const auto mine = shingles(doc);
  for (uint32_t c : candidates_) {
    if (Find(c) == Find(doc)) continue;
    const auto theirs = shingles(c);
    const double small = static_cast<double>(std::min(mine.size(), theirs.size()));
    const double large = static_cast<double>(std::max(mine.size(), theirs.size()));
    if (small < options_.min_jaccard * large) continue;  // Jaccard <= small / large
    ++stats_.candidates;
    if (Jaccard(mine, theirs) >= options_.min_jaccard && Union(doc, c)) ++stats_.jaccard_links;
  }
  bands_.Insert(band_keys);
}

uint32_t Index::Insert(Features f) {
  const auto doc = static_cast<uint32_t>(parent_.size());
  Append(f.shingles, std::move(f.handles), doc);
  Link(doc, f.band_keys);
  if (options_.link_contacts) {
    for (const Handle& h : handles_[doc]) {
      if (!IsContactKind(h.kind)) continue;
      auto [it, added] = contact_first_.try_emplace(
          std::string(HandleKindName(h.kind)) + ":" + h.value, doc);
      if (!added && Union(doc, it->second)) ++stats_.contact_links;
    }
  }
  return doc;
}

std::vector<uint32_t> Index::Assign(const Features& f) const {
  std::vector<uint32_t> joined;  // sorted, distinct
  auto join = [&](uint32_t cluster) {
    auto at = std::lower_bound(joined.begin(), joined.end(), cluster);
    if (at == joined.end() || *at != cluster) joined.insert(at, cluster);
  };
  auto has = [&](uint32_t cluster) { return std::binary_search(joined.begin(), joined.end(), cluster); };
  if (!f.band_keys.empty()) {
    // Candidates come once per shared band; not deduplicating them costs a repeated check only
    // for posts that fail it: a confirmed post's whole cluster is skipped from then on.
    bands_.ForEachCandidate(f.band_keys, options_.max_bucket_scan, [&](uint32_t c) {
      const uint32_t cluster = Cluster(c);
      if (has(cluster)) return;
      const auto theirs = shingles(c);
      const double small = static_cast<double>(std::min(f.shingles.size(), theirs.size()));
      const double large = static_cast<double>(std::max(f.shingles.size(), theirs.size()));
      if (small < options_.min_jaccard * large) return;  // Jaccard <= small / large
      if (Jaccard(f.shingles, theirs) >= options_.min_jaccard) join(cluster);
    });
  }
  if (options_.link_contacts) {
    for (const Handle& h : f.handles) {
      if (!IsContactKind(h.kind)) continue;
      auto it = contact_first_.find(std::string(HandleKindName(h.kind)) + ":" + h.value);
      if (it != contact_first_.end()) join(Cluster(it->second));
    }
  }
  return joined;
}

const std::string* Index::CampaignOf(std::string_view utf8_text) const {
  if (labels_.empty()) return nullptr;
  for (uint32_t cluster : Assign(Featurize(utf8_text))) {
    if (auto it = labels_.find(cluster); it != labels_.end()) return &it->second;
  }
  return nullptr;
}

Result<std::unique_ptr<Index>> Index::LoadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::NotFound("campaign index " + path + ": cannot open");
  std::stringstream bytes;
  bytes << f.rdbuf();
  if (!f && !f.eof()) return Status::IoError("campaign index " + path + ": read failed");
  auto normalizer = text::Normalizer::Create();
  if (!normalizer.ok()) return normalizer.status();
  auto index = Load(bytes.str(), *normalizer);
  if (!index.ok()) return Status::Corruption(path + ": " + index.status().message());
  return index;
}

Status Index::SetCampaignLabels(std::map<uint32_t, std::string> labels) {
  for (const auto& [cluster, label] : labels) {
    if (cluster >= size() || Cluster(cluster) != cluster) {
      return Status::InvalidArgument("campaign label for " + std::to_string(cluster) +
                                     ", which is not a cluster of the index");
    }
    if (label.empty() || label.size() > format::kMaxLabelBytes) {
      return Status::InvalidArgument("campaign label empty or longer than " +
                                     std::to_string(format::kMaxLabelBytes) + " bytes");
    }
  }
  labels_ = std::move(labels);
  return Status::Ok();
}

void Index::CountShingles(std::span<const std::string_view> texts, unsigned threads,
                          CommonShingles::Counter* counter) const {
  constexpr size_t kChunk = 16384;
  std::vector<std::vector<uint32_t>> raw;
  for (size_t i = 0; i < texts.size(); i += kChunk) {
    const size_t n = std::min(kChunk, texts.size() - i);
    raw.assign(n, {});
    ParallelFor(n, threads, [&](unsigned, size_t k) { raw[k] = RawShingles(texts[i + k]); });
    for (const auto& r : raw) counter->Add(r);
  }
}

void Index::AddBatch(std::span<const std::string_view> texts, unsigned threads,
                     std::vector<uint32_t>* docs) {
  std::vector<Features> features(texts.size());
  ParallelFor(texts.size(), threads, [&](unsigned, size_t i) { features[i] = Featurize(texts[i]); });
  for (Features& f : features) {
    const uint32_t doc = Insert(std::move(f));
    if (docs) docs->push_back(doc);
  }
}

size_t Index::MemoryBytes() const {
  size_t bytes = bands_.MemoryBytes() + parent_.capacity() * 4 + shingle_data_.capacity() * 4 +
                 shingle_off_.capacity() * 8 + handles_.capacity() * sizeof(std::vector<Handle>);
  for (const auto& hs : handles_) bytes += hs.capacity() * sizeof(Handle);
  return bytes;
}

}  // namespace jianmei::campaign
