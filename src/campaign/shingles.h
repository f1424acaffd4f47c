// Character shingles of normalised (folded) text: the sorted, de-duplicated 32-bit hashes of
// every k code-point window (k = 3, or 2 for short posts). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace jianmei::campaign {

struct ShingleOptions {
  int k = 3;             // shingle length in code points for ordinary posts
  int short_k = 2;       // shingle length for posts shorter than short_chars
  int short_chars = 24;  // folded code points below which a post is "short"
};

// Hash of one shingle: the code points and k mixed into 32 bits (deterministic across builds).
uint32_t ShingleHash(const char32_t* cps, int k);

// Shingle hashes of `folded` in text order, repeats kept (the i-th is the window starting at the
// i-th code point); what Shingles sorts and de-duplicates.
std::vector<uint32_t> ShingleSequence(std::string_view folded, const ShingleOptions& options);

// Shingle hashes of `folded` (UTF-8; invalid bytes are skipped), sorted ascending, unique.
// A text with fewer than k code points yields one shingle of the whole text (none if empty).
std::vector<uint32_t> Shingles(std::string_view folded, const ShingleOptions& options);

}  // namespace jianmei::campaign
