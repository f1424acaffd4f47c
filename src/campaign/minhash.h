// MinHasher: MinHash signatures of shingle sets and their LSH band keys. Each of the n
// permutations is a multiply-add-shift hash h_i(x) = (a_i * x + b_i) >> 32 with odd 64-bit a_i
// and 64-bit b_i drawn from splitmix64 of the recorded seed, so a saved index reproduces its
// signatures exactly. Immutable after construction; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace jianmei::campaign {

class MinHasher {
 public:
  MinHasher(uint64_t seed, int permutations);

  int permutations() const { return static_cast<int>(a_.size()); }

  // signature[i] = min over shingles of h_i(shingle); all 0xFFFFFFFF for an empty set.
  void Signature(std::span<const uint32_t> shingles, std::vector<uint32_t>* signature) const;

  // One 32-bit key per band of `rows` consecutive signature values (band index mixed in).
  // Requires bands * rows <= permutations.
  static void BandKeys(std::span<const uint32_t> signature, int bands, int rows,
                       std::vector<uint32_t>* keys);

 private:
  std::vector<uint64_t> a_, b_;
};

}  // namespace jianmei::campaign
