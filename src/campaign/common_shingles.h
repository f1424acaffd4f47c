// CommonShingles: shingles whose document frequency in a training sample exceeds a share of
// the documents. Frequency alone does not make boilerplate: a stock phrase ("姐妹们",
// "没有副作用") is short, while a text copied by a large campaign is frequent *and* long. So a
// post drops its common shingles only where they form a short run (fewer than `copied_run`
// consecutive common shingles, KeepCopiedRuns); a longer run is copied text and is kept, and a
// near-duplicate group is never dropped wholesale however many copies it has. Built once
// (Counter), then an immutable sorted set saved with the index. Thread-safe after construction.
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace jianmei::campaign {

struct CommonShingleOptions {
  double max_document_share = 0.02;  // a shingle in more than this share of documents is common
  size_t min_documents = 1000;       // below this sample size nothing is dropped
};

class CommonShingles {
 public:
  // Counts document frequencies; feed each document's unique shingles once. Not thread-safe.
  class Counter {
   public:
    void Add(std::span<const uint32_t> unique_shingles);
    size_t documents() const { return documents_; }
    CommonShingles Build(const CommonShingleOptions& options) const;

   private:
    std::unordered_map<uint32_t, uint32_t> df_;
    size_t documents_ = 0;
  };

  CommonShingles() = default;
  // `sorted` must be strictly ascending.
  explicit CommonShingles(std::vector<uint32_t> sorted) : set_(std::move(sorted)) {}

  bool Contains(uint32_t shingle) const;
  // Removes common shingles from a sorted set in place.
  void Filter(std::vector<uint32_t>* shingles) const;
  // The distinct shingles of `sequence` (text order, as ShingleSequence) sorted, without the
  // common shingles of runs shorter than `copied_run` consecutive common shingles; copied_run 0
  // drops every common shingle (Filter).
  std::vector<uint32_t> KeepCopiedRuns(std::span<const uint32_t> sequence, uint32_t copied_run) const;
  const std::vector<uint32_t>& sorted() const { return set_; }

 private:
  std::vector<uint32_t> set_;
};

}  // namespace jianmei::campaign
