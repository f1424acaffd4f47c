#include "campaign/minhash.h"

#include <algorithm>

namespace jianmei::campaign {
namespace {

uint64_t SplitMix(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

MinHasher::MinHasher(uint64_t seed, int permutations) {
  uint64_t state = seed;
  a_.resize(permutations);
  b_.resize(permutations);
  for (int i = 0; i < permutations; ++i) {
    a_[i] = SplitMix(&state) | 1;
    b_[i] = SplitMix(&state);
  }
}

void MinHasher::Signature(std::span<const uint32_t> shingles,
                          std::vector<uint32_t>* signature) const {
  const size_t n = a_.size();
  signature->assign(n, 0xFFFFFFFFu);
  uint32_t* sig = signature->data();
  const uint64_t* a = a_.data();
  const uint64_t* b = b_.data();
  for (uint32_t x : shingles) {
    const uint64_t v = x;
    for (size_t i = 0; i < n; ++i) {
      const auto h = static_cast<uint32_t>((a[i] * v + b[i]) >> 32);
      sig[i] = std::min(sig[i], h);
    }
  }
}

void MinHasher::BandKeys(std::span<const uint32_t> signature, int bands, int rows,
                         std::vector<uint32_t>* keys) {
  keys->resize(bands);
  for (int band = 0; band < bands; ++band) {
    uint64_t h = 0x243f6a8885a308d3ULL ^ (static_cast<uint64_t>(band) * 0x9e3779b97f4a7c15ULL);
    for (int r = 0; r < rows; ++r) {
      h ^= signature[band * rows + r];
      h *= 0xff51afd7ed558ccdULL;
      h ^= h >> 33;
    }
    (*keys)[band] = static_cast<uint32_t>(h >> 32);
  }
}

}  // namespace jianmei::campaign
