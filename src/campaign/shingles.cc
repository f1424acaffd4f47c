#include "campaign/shingles.h"

#include <algorithm>

#include "core/utf8.h"

namespace jianmei::campaign {
namespace {

uint64_t Mix64(uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

uint32_t ShingleHash(const char32_t* cps, int k) {
  uint64_t h = 0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(k);
  for (int i = 0; i < k; ++i) h = Mix64(h ^ cps[i]);
  return static_cast<uint32_t>(h >> 32);
}

std::vector<uint32_t> ShingleSequence(std::string_view folded, const ShingleOptions& options) {
  std::vector<char32_t> cps;
  cps.reserve(folded.size() / 2);
  for (size_t pos = 0; pos < folded.size();) {
    size_t len;
    const char32_t cp = utf8::Decode(folded, pos, &len);
    if (cp != utf8::kInvalid) cps.push_back(cp);
    pos += len;
  }
  std::vector<uint32_t> out;
  if (cps.empty()) return out;
  int k = static_cast<int>(cps.size()) < options.short_chars ? options.short_k : options.k;
  if (k < 1) k = 1;
  if (static_cast<size_t>(k) > cps.size()) {
    out.push_back(ShingleHash(cps.data(), static_cast<int>(cps.size())));
    return out;
  }
  out.reserve(cps.size() - k + 1);
  for (size_t i = 0; i + k <= cps.size(); ++i) out.push_back(ShingleHash(cps.data() + i, k));
  return out;
}

std::vector<uint32_t> Shingles(std::string_view folded, const ShingleOptions& options) {
  std::vector<uint32_t> out = ShingleSequence(folded, options);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace jianmei::campaign
