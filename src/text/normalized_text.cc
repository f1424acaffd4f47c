#include "text/normalized_text.h"

#include <algorithm>

namespace jianmei::text {

std::vector<const char*> EvasionNames(uint8_t mask) {
  std::vector<const char*> names;
  if (mask & kEvasionSpacing) names.push_back("spacing");
  if (mask & kEvasionSymbols) names.push_back("symbols");
  if (mask & kEvasionWidth) names.push_back("width");
  if (mask & kEvasionTraditional) names.push_back("traditional");
  if (mask & kEvasionPinyin) names.push_back("pinyin");
  if (mask & kEvasionHomophone) names.push_back("homophone");
  if (mask & kEvasionVariant) names.push_back("variant");
  if (mask & kEvasionRepeat) names.push_back("repeat");
  return names;
}

uint8_t NormalizedText::EvasionIn(Span f) const {
  if (f.empty()) return 0;
  // Noise bits sit on the lead byte of the character after the removed run, so the run before
  // the first character (outside the match) is exactly the noise bits at f.begin.
  uint8_t mask = evasion[f.begin] & static_cast<uint8_t>(~kEvasionNoise);
  for (uint32_t i = f.begin + 1; i < f.end; ++i) mask |= evasion[i];
  return mask;
}

Span NormalizedText::PinyinToFolded(Span p) const {
  const uint32_t last = pinyin_folded[p.end - 1];
  const auto lead = static_cast<unsigned char>(folded[last]);
  const uint32_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return {pinyin_folded[p.begin], last + len};
}

std::string NormalizedText::Uncollapsed(Span f) const {
  std::string out;
  auto it = std::lower_bound(repeats.begin(), repeats.end(), std::make_pair(f.begin, uint32_t{0}));
  uint32_t pos = f.begin;
  for (; it != repeats.end() && it->first < f.end; ++it) {
    const uint32_t at = it->first;
    const auto lead = static_cast<unsigned char>(folded[at]);
    const uint32_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    out.append(folded, pos, at + len - pos);
    for (uint32_t k = 0; k < it->second; ++k) out.append(folded, at, len);
    pos = at + len;
  }
  out.append(folded, pos, f.end - pos);
  return out;
}

bool NormalizedText::CrossesBreak(Span f, bool strong_only) const {
  auto it = std::upper_bound(breaks.begin(), breaks.end(), f.begin,
                             [](uint32_t pos, const ClauseBreak& b) { return pos < b.pos; });
  for (; it != breaks.end() && it->pos < f.end; ++it) {
    if (!strong_only || it->strong) return true;
  }
  return false;
}

int NormalizedText::ClauseIndex(uint32_t pos) const {
  return static_cast<int>(
      std::upper_bound(breaks.begin(), breaks.end(), pos,
                       [](uint32_t p, const ClauseBreak& b) { return p < b.pos; }) -
      breaks.begin());
}

}  // namespace jianmei::text
