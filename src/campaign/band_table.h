// BandTable: the LSH buckets. For every band an open-addressing table maps a 32-bit band key to
// the most recent document in that bucket; documents in one bucket are chained newest first.
// Documents are numbered 0, 1, 2 … in insertion order. Owns its memory (about 8 bytes per slot
// at load <= 1/2, plus 4 bytes per document and band). Not thread-safe; the owner serialises.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace jianmei::campaign {

class BandTable {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;

  explicit BandTable(int bands);

  int bands() const { return static_cast<int>(tables_.size()); }
  uint32_t documents() const { return documents_; }

  // Appends the next document with one key per band; returns its number.
  uint32_t Insert(std::span<const uint32_t> keys);
  // Appends the next document without putting it in any bucket (too few shingles to compare).
  uint32_t InsertEmpty();

  // Calls fn(doc) for up to `per_bucket` most recent documents sharing a bucket with `keys`
  // in any band (a document may be reported once per shared band).
  template <typename Fn>
  void ForEachCandidate(std::span<const uint32_t> keys, uint32_t per_bucket, Fn&& fn) const {
    for (int band = 0; band < bands(); ++band) {
      uint32_t doc = Head(band, keys[band]);
      for (uint32_t n = 0; doc != kNone && n < per_bucket; ++n) {
        fn(doc);
        doc = next_[static_cast<size_t>(doc) * bands() + band];
      }
    }
  }

  // Bytes held (for the benchmark and memory-bounded callers).
  size_t MemoryBytes() const;

 private:
  struct Slot {
    uint32_t key;
    uint32_t head;  // kNone = empty
  };
  struct Table {
    std::vector<Slot> slots;
    size_t used = 0;
  };

  uint32_t Head(int band, uint32_t key) const;
  static size_t Probe(const Table& t, uint32_t key);
  static void Grow(Table* t);

  std::vector<Table> tables_;
  std::vector<uint32_t> next_;  // [doc * bands + band] = older document in the same bucket
  uint32_t documents_ = 0;
};

}  // namespace jianmei::campaign
