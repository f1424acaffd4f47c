// Unihan: Mandarin readings (kMandarin, tones removed) and variant characters of Han code points,
// from Debian's unicode-data via scripts/gen-unihan-tables (src/text/unihan_tables.inc).
// Compiled in; the lookup structure is built once per process. Immutable and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jianmei::text {

// Whether cp is a CJK unified or compatibility ideograph.
inline bool IsHan(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

class Unihan {
 public:
  static constexpr uint16_t kNone = 0xFFFF;
  struct Readings {
    uint16_t first = kNone;   // the customary reading
    uint16_t second = kNone;  // another common reading, if any
  };

  static const Unihan& Get();
  Unihan(const Unihan&) = delete;
  Unihan& operator=(const Unihan&) = delete;

  Readings ReadingsOf(char32_t cp) const {
    if (cp < bmp_.size()) return bmp_[cp];
    return ReadingsSlow(cp);
  }
  // The toneless syllable of a reading id ("xiao", "lv").
  std::string_view Syllable(uint16_t id) const { return syllables_[id]; }
  size_t SyllableCount() const { return syllables_.size(); }
  // Whether s is a Mandarin syllable with a vowel (toneless, ü as v).
  bool IsSyllable(std::string_view s) const;
  // The GB 2312 character Unihan names as the single simplified, Z- or semantic variant of cp,
  // or cp itself.
  char32_t Variant(char32_t cp) const;
  // Whether cp is a GB 2312 character (kIRG_GSource G0).
  bool InGb2312(char32_t cp) const;

 private:
  Unihan();
  Readings ReadingsSlow(char32_t cp) const;
  std::vector<Readings> bmp_;
  std::vector<std::string_view> syllables_;
  std::vector<std::string_view> sorted_syllables_;
};

}  // namespace jianmei::text
