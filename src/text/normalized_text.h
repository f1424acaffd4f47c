// NormalizedText: the folded form of a post plus the map from every folded byte back to the
// original UTF-8 bytes it came from. Produced by Normalizer; a plain value, owned by the caller.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/span.h"

namespace jianmei::text {

// Tricks undone while folding a character (design doc §4 `evasion`).
enum Evasion : uint8_t {
  kEvasionSpacing = 1 << 0,      // white space removed before this character
  kEvasionSymbols = 1 << 1,      // punctuation, symbols, emoji or controls removed before it
  kEvasionWidth = 1 << 2,        // full-width or compatibility form folded (ＶＸ, ①, 𝐀)
  kEvasionTraditional = 1 << 3,  // traditional/variant character mapped to simplified
};
inline constexpr uint8_t kEvasionNoise = kEvasionSpacing | kEvasionSymbols;

// Names of the set bits in contract order ("spacing", "symbols", "width", "traditional").
std::vector<const char*> EvasionNames(uint8_t mask);

struct ClauseBreak {
  uint32_t pos;  // folded byte offset of the first character after the removed punctuation
  bool strong;   // sentence end (。！？ newline) rather than a clause separator (，、；：)
};

struct NormalizedText {
  std::string folded;
  // For every byte of `folded`: the original byte range of the character that produced it.
  std::vector<uint32_t> orig_begin;
  std::vector<uint32_t> orig_end;
  // For every byte of `folded`: width/traditional bits of its character; noise bits only on the
  // lead byte of the first character after a removed run of noise.
  std::vector<uint8_t> evasion;
  std::vector<ClauseBreak> breaks;  // sorted by pos

  // The original byte span covered by folded span `f` (which must be non-empty and in range).
  Span ToOriginal(Span f) const { return {orig_begin[f.begin], orig_end[f.end - 1]}; }
  // Tricks undone inside folded span `f`; noise removed before its first character is not
  // part of the match and is ignored.
  uint8_t EvasionIn(Span f) const;
  // Whether a clause (or, with strong_only, a sentence) boundary falls strictly inside `f`.
  bool CrossesBreak(Span f, bool strong_only) const;
  // Index of the clause containing folded position pos (number of breaks at or before pos).
  int ClauseIndex(uint32_t pos) const;
};

}  // namespace jianmei::text
