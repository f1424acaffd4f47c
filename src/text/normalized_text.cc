#include "text/normalized_text.h"

#include <algorithm>

namespace jianmei::text {
namespace {

uint32_t CharLength(char lead_byte) {
  const auto lead = static_cast<unsigned char>(lead_byte);
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

}  // namespace

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
  if (repeats.empty()) return mask;
  const auto [head, tail] = BoundaryRuns(f);
  if (!head && !tail) return mask;
  // A run left out brought its repeat bit, and the noise between its copies, to the second byte
  // of its kept character; everything else there is the character's own.
  constexpr auto kRunOnly = static_cast<uint8_t>(kEvasionRepeat | kEvasionNoise);
  mask = evasion[f.begin] & static_cast<uint8_t>(~kEvasionNoise);
  for (uint32_t i = f.begin + 1; i < f.end; ++i) {
    const bool run_byte = (head && i == head->at + 1) || (tail && i == tail->at + 1);
    mask |= run_byte ? evasion[i] & static_cast<uint8_t>(~kRunOnly) : evasion[i];
  }
  return mask;
}

std::pair<const CollapsedRun*, const CollapsedRun*> NormalizedText::BoundaryRuns(Span f) const {
  auto by_at = [](const CollapsedRun& r, uint32_t pos) { return r.at < pos; };
  const auto first = std::lower_bound(repeats.begin(), repeats.end(), f.begin, by_at);
  if (first == repeats.end() || first->at >= f.end) return {nullptr, nullptr};
  uint32_t last = f.end - 1;  // lead byte of f's last character
  while (last > f.begin && (static_cast<unsigned char>(folded[last]) & 0xC0) == 0x80) --last;
  if (last == f.begin) return {nullptr, nullptr};  // one character: the run is the match
  const CollapsedRun* head = first->at == f.begin ? &*first : nullptr;
  const auto after = head ? first + 1 : first;
  if (after != repeats.end() && after->at < last) return {nullptr, nullptr};  // a run inside
  const CollapsedRun* tail = after != repeats.end() && after->at == last ? &*after : nullptr;
  // Two characters, both repeated (隆隆鼻鼻): the repeats are the match's own.
  if (head && tail && f.begin + CharLength(folded[f.begin]) == last) return {nullptr, nullptr};
  return {head, tail};
}

Span NormalizedText::PinyinToFolded(Span p) const {
  const uint32_t last = pinyin_folded[p.end - 1];
  return {pinyin_folded[p.begin], last + CharLength(folded[last])};
}

std::string NormalizedText::Uncollapsed(Span f) const {
  std::string out;
  auto it = std::lower_bound(repeats.begin(), repeats.end(), f.begin,
                             [](const CollapsedRun& r, uint32_t pos) { return r.at < pos; });
  uint32_t pos = f.begin;
  for (; it != repeats.end() && it->at < f.end; ++it) {
    const uint32_t at = it->at;
    const uint32_t len = CharLength(folded[at]);
    out.append(folded, pos, at + len - pos);
    for (uint32_t k = 0; k < it->copies; ++k) out.append(folded, at, len);
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
