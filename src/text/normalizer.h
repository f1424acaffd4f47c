// Normalizer: folds a post for matching (width, case, traditional and variant → simplified,
// noise between characters removed, repeated Han characters collapsed) and writes the pinyin
// channel, keeping the exact map back to the original bytes.
// Immutable after Create(); Normalize() is thread-safe and allocates only its result;
// NormalizeInto() reuses the buffers of a result the caller keeps from text to text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "text/fold_table.h"
#include "text/normalized_text.h"
#include "text/unihan.h"  // IsHan

namespace jianmei::text {

struct NormalizeOptions {
  bool collapse_repeats = true;  // 小小腿腿 → 小腿 (a Han character repeated in a row)
  bool pinyin = true;            // fill NormalizedText::pinyin
};

class Normalizer {
 public:
  // Uses FoldTable::Default().
  static Result<std::shared_ptr<const Normalizer>> Create();
  explicit Normalizer(std::shared_ptr<const FoldTable> table) : table_(std::move(table)) {}

  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Never fails: malformed UTF-8 bytes are treated as removed symbols.
  NormalizedText Normalize(std::string_view utf8, NormalizeOptions options = {}) const {
    NormalizedText out;
    NormalizeInto(utf8, options, &out);
    return out;
  }
  // The same into *out, whose previous contents are replaced (its capacity is kept, so a
  // screening thread normalising post after post allocates almost nothing).
  void NormalizeInto(std::string_view utf8, NormalizeOptions options, NormalizedText* out) const;
  // Just the folded string, repeats kept (used for knowledge-base terms).
  std::string Fold(std::string_view utf8) const {
    return Normalize(utf8, {.collapse_repeats = false, .pinyin = false}).folded;
  }
  // Test seam, so that a test can show that screening a post normalises it once: counts this
  // thread's normalisations (by any Normalizer) of the text whose bytes start at `data` — the
  // post, not the knowledge-base or registry terms folded on the way.
  static void WatchTextForTest(const char* data);
  static uint64_t WatchedNormalizationsForTest();

 private:
  std::shared_ptr<const FoldTable> table_;
};

// `folded` with every run of one repeated Han character cut to one character.
std::string CollapseRepeats(std::string_view folded);

}  // namespace jianmei::text
