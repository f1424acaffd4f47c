// NormalizedText: the folded form of a post plus the map from every folded byte back to the
// original UTF-8 bytes it came from. Produced by Normalizer; a plain value, owned by the caller.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/span.h"

namespace jianmei::text {

// A vector whose resize leaves new elements uninitialised: the normaliser sizes its per-byte
// arrays ahead for every text and then writes every element it keeps, so zero-filling them first
// would be wasted work.
template <class T>
struct DefaultInitAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  using std::allocator<T>::allocator;
  // Only the no-argument form: with arguments, allocator_traits constructs as std::allocator does.
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
};
template <class T>
using ByteMap = std::vector<T, DefaultInitAllocator<T>>;

// Tricks undone while folding a character (design doc §4 `evasion`).
enum Evasion : uint8_t {
  kEvasionSpacing = 1 << 0,      // white space removed before this character
  kEvasionSymbols = 1 << 1,      // punctuation, symbols, emoji or controls removed before it
  kEvasionWidth = 1 << 2,        // full-width or compatibility form folded (ＶＸ, ①, 𝐀)
  kEvasionTraditional = 1 << 3,  // traditional/variant character mapped to simplified
  kEvasionVariant = 1 << 4,      // Unihan variant character (not in OpenCC) mapped to GB 2312
  kEvasionRepeat = 1 << 5,       // a repeated character collapsed (小小腿腿)
  kEvasionPinyin = 1 << 6,       // found through pinyin typed in Latin letters (xiao腿, xtzd)
  kEvasionHomophone = 1 << 7,    // found through characters that only sound like the term
};
inline constexpr uint8_t kEvasionNoise = kEvasionSpacing | kEvasionSymbols;

// Names of the set bits in contract order ("spacing", "symbols", "width", "traditional",
// "pinyin", "homophone", "variant", "repeat").
std::vector<const char*> EvasionNames(uint8_t mask);

struct ClauseBreak {
  uint32_t pos;  // folded byte offset of the first character after the removed punctuation
  bool strong;   // sentence end (。！？ newline) rather than a clause separator (，、；：)
};

// A run of one Han character written several times in a row, kept once in the folded text.
struct CollapsedRun {
  uint32_t at;          // folded offset of the kept character
  uint32_t copies;      // further copies removed
  uint32_t first_end;   // original end of the first copy
  uint32_t last_begin;  // original start of the last copy
  friend bool operator==(const CollapsedRun&, const CollapsedRun&) = default;
};

struct NormalizedText {
  std::string folded;
  // For every byte of `folded`: the original byte range of the character that produced it.
  ByteMap<uint32_t> orig_begin;
  ByteMap<uint32_t> orig_end;
  // For every byte of `folded`: width/traditional bits of its character; noise bits only on the
  // lead byte of the first character after a removed run of noise.
  ByteMap<uint8_t> evasion;
  std::vector<ClauseBreak> breaks;  // sorted by pos
  // Collapsed repeats (小小腿 → 小腿), sorted by `at`. The kept character's original range covers
  // the whole run.
  std::vector<CollapsedRun> repeats;

  // Pinyin channel (empty when not asked for): every Han character of `folded` as the toneless
  // syllable of its customary reading, Latin letters as they are, ' ' for anything else (digits,
  // other scripts), so that xiao腿zu断, xiaotuizuduan and 小腿组断 all read "xiaotuizuduan".
  std::string pinyin;
  ByteMap<uint32_t> pinyin_folded;  // per pinyin byte: folded offset of its character
  ByteMap<uint8_t> pinyin_flags;    // per pinyin byte: kPinyin* bits
  std::vector<Span> latin_runs;         // pinyin bytes of each run of Latin letters, in order
  static constexpr uint8_t kPinyinHan = 1;            // the byte spells a Han character
  static constexpr uint8_t kPinyinSyllableStart = 2;  // a syllable may start here

  // The folded span covered by pinyin span `p` (non-empty, in range).
  Span PinyinToFolded(Span p) const;
  // Whether a syllable boundary (or a run edge) lies at pinyin offset pos.
  bool PinyinBoundary(uint32_t pos) const {
    return pos == 0 || pos >= pinyin.size() || (pinyin_flags[pos] & kPinyinSyllableStart) ||
           pinyin[pos] == ' ' || pinyin[pos - 1] == ' ';
  }
  // The folded text of span f with collapsed repeats restored.
  std::string Uncollapsed(Span f) const;

  // The original byte span covered by folded span `f` (which must be non-empty and in range).
  // A run collapsed at either end of `f` is a word boundary, not evasion, unless a run lies
  // inside `f` too or every character of `f` is one (小小腿腿阻阻断断, 隆隆鼻鼻): the span then
  // starts at the run's last copy and ends at its first (本院院长 → 院长, not 院院长).
  Span ToOriginal(Span f) const {
    Span o{orig_begin[f.begin], orig_end[f.end - 1]};
    if (repeats.empty()) return o;
    const auto [head, tail] = BoundaryRuns(f);
    if (head) o.begin = head->last_begin;
    if (tail) o.end = tail->first_end;
    return o;
  }
  // Tricks undone inside folded span `f`; noise removed before its first character is not
  // part of the match and is ignored, and so is a collapsed run that ToOriginal leaves out.
  uint8_t EvasionIn(Span f) const;
  // Whether a clause (or, with strong_only, a sentence) boundary falls strictly inside `f`.
  bool CrossesBreak(Span f, bool strong_only) const;
  // Index of the clause containing folded position pos (number of breaks at or before pos).
  int ClauseIndex(uint32_t pos) const;

 private:
  // The runs at the start and at the end of non-empty span f that ToOriginal leaves out (null
  // where there is none, or it counts).
  std::pair<const CollapsedRun*, const CollapsedRun*> BoundaryRuns(Span f) const;
};

}  // namespace jianmei::text
