#include "text/normalizer.h"

#include "core/utf8.h"

namespace jianmei::text {
namespace {

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Whether the next original character (at pos) is a decimal digit, ASCII or full-width.
bool NextIsDigit(std::string_view s, size_t pos) {
  if (pos >= s.size()) return false;
  size_t len;
  char32_t cp = utf8::Decode(s, pos, &len);
  return IsDigit(cp) || (cp >= 0xFF10 && cp <= 0xFF19);
}

}  // namespace

Result<std::shared_ptr<const Normalizer>> Normalizer::Create() {
  auto table = FoldTable::Default();
  if (!table.ok()) return table.status();
  return std::make_shared<const Normalizer>(*table);
}

NormalizedText Normalizer::Normalize(std::string_view s) const {
  NormalizedText out;
  out.folded.reserve(s.size());
  out.orig_begin.reserve(s.size());
  out.orig_end.reserve(s.size());
  out.evasion.reserve(s.size());

  uint8_t pending_noise = 0;  // evasion bits of the noise removed since the last kept character
  int pending_break = 0;      // 0 none, 1 weak, 2 strong
  char32_t last_kept = 0;
  std::u32string scratch;

  auto emit = [&](char32_t cp, uint32_t b, uint32_t e, uint8_t ev) {
    if (pending_break && !out.folded.empty()) {
      out.breaks.push_back({static_cast<uint32_t>(out.folded.size()), pending_break == 2});
    }
    const size_t before = out.folded.size();
    utf8::Append(cp, &out.folded);
    for (size_t i = before; i < out.folded.size(); ++i) {
      out.orig_begin.push_back(b);
      out.orig_end.push_back(e);
      out.evasion.push_back(ev);
    }
    if (!out.folded.empty() && before > 0) out.evasion[before] |= pending_noise;
    pending_noise = 0;
    pending_break = 0;
    last_kept = cp;
  };

  size_t pos = 0;
  while (pos < s.size()) {
    size_t len;
    const char32_t cp = utf8::Decode(s, pos, &len);
    const auto b = static_cast<uint32_t>(pos);
    const auto e = static_cast<uint32_t>(pos + len);
    pos += len;
    if (cp == utf8::kInvalid) {
      pending_noise |= kEvasionSymbols;
      continue;
    }
    uint8_t ev = 0;
    const std::u32string_view mapped = table_->Map(cp, &scratch, &ev);
    const bool single = mapped.size() == 1;
    for (char32_t m : mapped) {
      switch (table_->Class(m)) {
        case CharClass::kWord:
        case CharClass::kKeep:
          emit(m, b, e, ev);
          break;
        case CharClass::kDot:
          if (IsDigit(last_kept) && pending_noise == 0 && NextIsDigit(s, pos)) {
            emit(m, b, e, ev);
          } else if (single) {
            pending_noise |= kEvasionSymbols;
            pending_break = std::max(pending_break, 1);
          }
          break;
        case CharClass::kSpace:
          // Noise inside one character's own expansion (⑸ → "(5)") is not an evasion.
          if (single) pending_noise |= kEvasionSpacing;
          break;
        case CharClass::kSymbol:
          if (single) pending_noise |= kEvasionSymbols;
          break;
        case CharClass::kWeakBreak:
          if (single) {
            pending_noise |= kEvasionSymbols;
            pending_break = std::max(pending_break, 1);
          }
          break;
        case CharClass::kStrongBreak:
          if (single) {
            pending_noise |= kEvasionSymbols;
            pending_break = 2;
          }
          break;
      }
    }
  }
  return out;
}

}  // namespace jianmei::text
