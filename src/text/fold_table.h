// FoldTable: a flat code-point map that folds one character the way posts are normalised:
// Unicode NFKC with case folding (ICU), then traditional/HK/TW variants to simplified (OpenCC's
// character tables), then Unihan variants outside GB 2312 (unihan.h), plus the class and pinyin of
// each folded character. Built once per process from the installed ICU and OpenCC data; immutable
// afterwards and shared by all threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace jianmei::text {

enum class CharClass : uint8_t {
  kWord,         // letters and digits: kept
  kKeep,         // symbols that carry meaning in claims: % and ¥
  kDot,          // '.': kept between digits (3.98), otherwise a weak clause break
  kSpace,        // removed; marks spacing evasion
  kSymbol,       // punctuation, symbols, emoji, marks, controls: removed
  kWeakBreak,    // ，、；：: removed, ends a clause
  kStrongBreak,  // 。！？ newline: removed, ends a sentence
};

// One character as the fold leaves it, with what the normaliser needs to know about it, so that
// folding a character of a post is one 16-byte table read (the character class, Han-ness and
// pinyin used to be separate tables, and the dependent reads of a post's characters across them
// were the normaliser's largest cost).
struct FoldedChar {
  char32_t cp = 0;  // the folded code point
  CharClass cls = CharClass::kWord;
  uint8_t evasion = 0;       // kEvasionWidth / kEvasionTraditional / kEvasionVariant of the fold
  bool han = false;          // a CJK ideograph (IsHan)
  uint8_t syllable_len = 0;  // 0: nothing to write in the pinyin channel
  char syllable[6] = {};     // the customary reading without tone, or a Latin letter itself
  bool expands = false;      // table entry only: the fold is several characters (cp indexes them)

  std::string_view Syllable() const { return {syllable, syllable_len}; }
};
static_assert(sizeof(FoldedChar) == 16, "one table entry per character read");

class FoldTable {
 public:
  // Reads OpenCC's TSCharacters, HKVariantsRev and TWVariantsRev from opencc_dir.
  static Result<std::shared_ptr<const FoldTable>> Load(const std::string& opencc_dir);
  // The process-wide table from $JIANMEI_OPENCC_DIR or /usr/share/opencc (loaded once).
  static Result<std::shared_ptr<const FoldTable>> Default();

  FoldTable(const FoldTable&) = delete;
  FoldTable& operator=(const FoldTable&) = delete;

  // The folded characters of cp (usually one). The span points into the table or into *scratch.
  std::span<const FoldedChar> Map(char32_t cp, std::vector<FoldedChar>* scratch) const {
    if (const FoldedChar* f = Entry(cp)) {
      if (!f->expands) return {f, 1};
      return expansions_[f->cp];
    }
    return MapSlow(cp, scratch);
  }
  // Starts loading cp's entry for a Map call soon after.
  void Prefetch(char32_t cp) const {
    if (const FoldedChar* f = Entry(cp)) __builtin_prefetch(f);
  }

 private:
  static constexpr char32_t kTableSize = 0x10000;  // the basic multilingual plane
  // Emoji and pictographs (U+1F000–U+1FAFF), common in posts and between the characters of an
  // evaded term (小腿💉阻断): tabled too, so that they need no ICU call per occurrence.
  static constexpr char32_t kEmojiBegin = 0x1F000, kEmojiSize = 0xB00;
  FoldTable() = default;
  const FoldedChar* Entry(char32_t cp) const {
    if (cp < kTableSize) return &bmp_[cp];
    if (cp - kEmojiBegin < kEmojiSize) return &emoji_[cp - kEmojiBegin];
    return nullptr;
  }
  // The entry of cp for a table: its folded character, or an index into expansions_.
  FoldedChar BuildEntry(char32_t cp);
  char32_t Simplify(char32_t cp) const;
  void FoldSlow(char32_t cp, std::u32string* out, uint8_t* evasion) const;
  std::span<const FoldedChar> MapSlow(char32_t cp, std::vector<FoldedChar>* out) const;

  std::vector<FoldedChar> bmp_;
  std::vector<FoldedChar> emoji_;
  std::vector<std::vector<FoldedChar>> expansions_;
  std::vector<std::pair<char32_t, char32_t>> simplify_;  // sorted; all of OpenCC's single-char maps
};

}  // namespace jianmei::text
