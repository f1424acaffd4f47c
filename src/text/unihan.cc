#include "text/unihan.h"

#include <algorithm>

namespace jianmei::text {
namespace {
#include "text/unihan_tables.inc"
}  // namespace

const Unihan& Unihan::Get() {
  static const Unihan* instance = new Unihan();
  return *instance;
}

Unihan::Unihan() : bmp_(0x10000) {
  for (const UnihanReading& r : kReadings) {
    if (r.cp < bmp_.size()) bmp_[r.cp] = {r.first, r.second};
  }
  for (const char* s : kSyllables) syllables_.emplace_back(s);
  // Interjection readings without a vowel (m, n, ng, hm) would let any run of letters split.
  for (std::string_view s : syllables_) {
    if (s.find_first_of("aeiouv") != std::string_view::npos) sorted_syllables_.push_back(s);
  }
  std::sort(sorted_syllables_.begin(), sorted_syllables_.end());
}

Unihan::Readings Unihan::ReadingsSlow(char32_t cp) const {
  auto it = std::lower_bound(std::begin(kReadings), std::end(kReadings), cp,
                             [](const UnihanReading& r, char32_t c) { return r.cp < c; });
  if (it == std::end(kReadings) || it->cp != cp) return {};
  return {it->first, it->second};
}

bool Unihan::IsSyllable(std::string_view s) const {
  return std::binary_search(sorted_syllables_.begin(), sorted_syllables_.end(), s);
}

char32_t Unihan::Variant(char32_t cp) const {
  auto it = std::lower_bound(std::begin(kVariants), std::end(kVariants), cp,
                             [](const UnihanVariant& v, char32_t c) { return v.from < c; });
  return it != std::end(kVariants) && it->from == cp ? it->to : cp;
}

bool Unihan::InGb2312(char32_t cp) const {
  return std::binary_search(std::begin(kGb2312), std::end(kGb2312), static_cast<uint32_t>(cp));
}

}  // namespace jianmei::text
