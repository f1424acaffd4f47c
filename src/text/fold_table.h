// FoldTable: a flat code-point map that folds one character the way posts are normalised:
// Unicode NFKC with case folding (ICU), then traditional/HK/TW variants to simplified (OpenCC's
// character tables), then Unihan variants outside GB 2312 (unihan.h), plus the character class the normaliser needs. Built once per process from
// the installed ICU and OpenCC data; immutable afterwards and shared by all threads.
#pragma once

#include <cstdint>
#include <memory>
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

class FoldTable {
 public:
  // Reads OpenCC's TSCharacters, HKVariantsRev and TWVariantsRev from opencc_dir.
  static Result<std::shared_ptr<const FoldTable>> Load(const std::string& opencc_dir);
  // The process-wide table from $JIANMEI_OPENCC_DIR or /usr/share/opencc (loaded once).
  static Result<std::shared_ptr<const FoldTable>> Default();

  FoldTable(const FoldTable&) = delete;
  FoldTable& operator=(const FoldTable&) = delete;

  // The folded code points of cp. The view points into the table or into *scratch.
  // *evasion receives kEvasionWidth / kEvasionTraditional when the fold changed cp.
  std::u32string_view Map(char32_t cp, std::u32string* scratch, uint8_t* evasion) const;
  // Class of a folded code point.
  CharClass Class(char32_t folded) const;

 private:
  FoldTable() = default;
  char32_t Simplify(char32_t cp) const;
  void FoldSlow(char32_t cp, std::u32string* out, uint8_t* evasion) const;

  static constexpr char32_t kExpansionBit = 0x80000000u;
  std::vector<char32_t> bmp_;         // cp or kExpansionBit|index into expansions_
  std::vector<uint8_t> bmp_evasion_;  // evasion bits per BMP code point
  std::vector<CharClass> bmp_class_;  // class of each BMP code point as a folded character
  std::vector<std::u32string> expansions_;
  std::vector<std::pair<char32_t, char32_t>> simplify_;  // sorted; all of OpenCC's single-char maps
};

}  // namespace jianmei::text
