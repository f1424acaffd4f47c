// CommonShingles: the niche's boilerplate — shingles whose document frequency in a training
// sample exceeds a share of the documents — which the index drops before hashing so that
// posts are not linked by stock phrases ("姐妹们", "没有副作用"). Built once (Counter), then an
// immutable sorted set saved with the index. Thread-safe after construction.
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
  const std::vector<uint32_t>& sorted() const { return set_; }

 private:
  std::vector<uint32_t> set_;
};

}  // namespace jianmei::campaign
