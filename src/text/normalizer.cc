#include "text/normalizer.h"

#include <algorithm>

#include "core/utf8.h"
#include "text/unihan.h"

namespace jianmei::text {
namespace {

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// utf8::Decode with the two common cases inline: ASCII, and a well-formed three-byte character
// (every Han character of the basic plane); anything else goes to the full decoder.
inline char32_t DecodeAt(std::string_view s, size_t pos, size_t* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  if (p[0] < 0x80) {
    *len = 1;
    return p[0];
  }
  if ((p[0] & 0xF0) == 0xE0 && s.size() - pos >= 3 && (p[1] & 0xC0) == 0x80 &&
      (p[2] & 0xC0) == 0x80) {
    const char32_t cp = (char32_t{p[0] & 0x0Fu} << 12) | (char32_t{p[1] & 0x3Fu} << 6) | (p[2] & 0x3Fu);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      *len = 3;
      return cp;
    }
  }
  return utf8::Decode(s, pos, len);
}

// Whether the next original character (at pos) is a decimal digit, ASCII or full-width.
bool NextIsDigit(std::string_view s, size_t pos) {
  if (pos >= s.size()) return false;
  size_t len;
  char32_t cp = utf8::Decode(s, pos, &len);
  return IsDigit(cp) || (cp >= 0xFF10 && cp <= 0xFF19);
}

constexpr size_t kMaxSyllableLetters = 6;  // "zhuang", "shuang"
constexpr size_t kMaxSegmentedRun = 256;   // longer Latin runs are only split at their edges

// Marks where syllables may start inside runs of Latin letters: at both edges, and inside a
// run that splits completely into Mandarin syllables, at every offset where some complete
// split has a boundary ("xiaotuizuduan" → xiao|tui|zu|duan; "xian" → xi|an and xian).
void MarkLatinSyllables(NormalizedText* t) {
  const std::string& p = t->pinyin;
  const Unihan& unihan = Unihan::Get();
  std::vector<uint8_t> fwd, bwd;
  for (const Span r : t->latin_runs) {
    const size_t a = r.begin;
    const size_t n = r.size();
    t->pinyin_flags[a] |= NormalizedText::kPinyinSyllableStart;
    if (n < 2 || n > kMaxSegmentedRun) continue;
    const std::string_view run(p.data() + a, n);
    fwd.assign(n + 1, 0);
    bwd.assign(n + 1, 0);
    fwd[0] = 1;
    for (size_t k = 1; k <= n; ++k) {
      for (size_t l = 1; l <= kMaxSyllableLetters && l <= k && !fwd[k]; ++l) {
        fwd[k] = fwd[k - l] && unihan.IsSyllable(run.substr(k - l, l));
      }
    }
    if (!fwd[n]) continue;
    bwd[n] = 1;
    for (size_t k = n; k-- > 0;) {
      for (size_t l = 1; l <= kMaxSyllableLetters && k + l <= n && !bwd[k]; ++l) {
        bwd[k] = bwd[k + l] && unihan.IsSyllable(run.substr(k, l));
      }
    }
    for (size_t k = 1; k < n; ++k) {
      if (fwd[k] && bwd[k]) t->pinyin_flags[a + k] |= NormalizedText::kPinyinSyllableStart;
    }
  }
}

// Parallel output arrays written through a cursor: sized ahead (doubling when a character's
// expansion needs more) and trimmed once at the end, so that emitting a byte is a store, not a
// push_back that checks capacity on every byte.
class FoldedSink {
 public:
  FoldedSink(NormalizedText* t, size_t expect) : t_(t) { Grow(expect + 4); }
  size_t size() const { return n_; }
  // Appends cp's UTF-8 bytes, all mapping to original bytes [b, e) with evasion bits ev.
  void Append(char32_t cp, uint32_t b, uint32_t e, uint8_t ev) {
    if (n_ + 4 > t_->folded.size()) Grow(2 * t_->folded.size());
    // Plain pointers read once: a store through char* may alias anything, so indexing the
    // vectors would reload their data pointers after every byte.
    char* f = t_->folded.data() + n_;
    uint32_t* begin = t_->orig_begin.data() + n_;
    uint32_t* end = t_->orig_end.data() + n_;
    uint8_t* evasion = t_->evasion.data() + n_;
    size_t len;
    if (cp < 0x80) {
      f[0] = static_cast<char>(cp);
      len = 1;
    } else if (cp < 0x800) {
      f[0] = static_cast<char>(0xC0 | (cp >> 6));
      f[1] = static_cast<char>(0x80 | (cp & 0x3F));
      len = 2;
    } else if (cp < 0x10000) {
      f[0] = static_cast<char>(0xE0 | (cp >> 12));
      f[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      f[2] = static_cast<char>(0x80 | (cp & 0x3F));
      len = 3;
    } else {
      f[0] = static_cast<char>(0xF0 | (cp >> 18));
      f[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      f[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      f[3] = static_cast<char>(0x80 | (cp & 0x3F));
      len = 4;
    }
    for (size_t i = 0; i < len; ++i) {
      begin[i] = b;
      end[i] = e;
      evasion[i] = ev;
    }
    n_ += len;
  }
  void Finish() { Resize(n_); }

 private:
  void Grow(size_t n) { Resize(std::max<size_t>(n, 16)); }
  void Resize(size_t n) {
    t_->folded.resize(n);
    t_->orig_begin.resize(n);
    t_->orig_end.resize(n);
    t_->evasion.resize(n);
  }
  NormalizedText* t_;
  size_t n_ = 0;
};

// The same for the pinyin channel's three parallel arrays.
class PinyinSink {
 public:
  PinyinSink(NormalizedText* t, size_t expect) : t_(t) {
    if (expect) Resize(expect);
  }
  bool empty() const { return n_ == 0; }
  size_t size() const { return n_; }
  char back() const { return t_->pinyin[n_ - 1]; }
  void Append(std::string_view letters, uint32_t folded_at, uint8_t first_flags, uint8_t flags) {
    if (n_ + letters.size() > t_->pinyin.size()) {
      Resize(std::max(2 * t_->pinyin.size(), n_ + letters.size()));
    }
    char* p = t_->pinyin.data() + n_;  // read once (see FoldedSink::Append)
    uint32_t* at = t_->pinyin_folded.data() + n_;
    uint8_t* f = t_->pinyin_flags.data() + n_;
    for (size_t k = 0; k < letters.size(); ++k) {
      p[k] = letters[k];
      at[k] = folded_at;
      f[k] = flags;
    }
    if (!letters.empty()) f[0] = first_flags;
    n_ += letters.size();
  }
  void Finish() { Resize(n_); }

 private:
  void Resize(size_t n) {
    t_->pinyin.resize(n);
    t_->pinyin_folded.resize(n);
    t_->pinyin_flags.resize(n);
  }
  NormalizedText* t_;
  size_t n_ = 0;
};

thread_local const char* watched_text = nullptr;
thread_local uint64_t watched_normalizations = 0;

}  // namespace

void Normalizer::WatchTextForTest(const char* data) {
  watched_text = data;
  watched_normalizations = 0;
}

uint64_t Normalizer::WatchedNormalizationsForTest() { return watched_normalizations; }

std::string CollapseRepeats(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t last = 0;
  for (size_t pos = 0; pos < s.size();) {
    size_t len;
    const char32_t cp = utf8::Decode(s, pos, &len);
    if (!(cp == last && IsHan(cp))) out.append(s.substr(pos, len));
    last = cp;
    pos += len;
  }
  return out;
}

Result<std::shared_ptr<const Normalizer>> Normalizer::Create() {
  auto table = FoldTable::Default();
  if (!table.ok()) return table.status();
  return std::make_shared<const Normalizer>(*table);
}

void Normalizer::NormalizeInto(std::string_view s, NormalizeOptions options,
                               NormalizedText* result) const {
  if (s.data() == watched_text) ++watched_normalizations;
  NormalizedText& out = *result;
  out.breaks.clear();
  out.repeats.clear();
  out.latin_runs.clear();
  FoldedSink folded(&out, s.size());
  PinyinSink pinyin(&out, options.pinyin ? s.size() + s.size() / 2 : 0);

  uint8_t pending_noise = 0;  // evasion bits of the noise removed since the last kept character
  int pending_break = 0;      // 0 none, 1 weak, 2 strong
  bool break_from_dot = false;  // the pending break is only a '.'
  char32_t last_kept = 0;
  uint32_t last_at = 0;       // folded offset of the last kept character
  std::vector<FoldedChar> scratch;
  bool in_latin_run = false;

  // Keeps folded character m, which came from original bytes [b, e).
  auto emit = [&](const FoldedChar& m, uint32_t b, uint32_t e) {
    // A repeat across noise or a lone dot (成·成, 信.信) is collapsed too, not across a clause
    // mark (做了，了解).
    if (options.collapse_repeats && m.han && m.cp == last_kept && folded.size() > 0 &&
        (pending_break == 0 || (pending_break == 1 && break_from_dot))) {
      pending_break = 0;
      // One more copy of the last character: widen its original range instead of keeping it.
      // Non-lead bytes carry the bits, so EvasionIn counts them for any span containing it.
      const uint32_t first_end = out.orig_end[last_at];
      for (size_t i = last_at; i < folded.size(); ++i) out.orig_end[i] = e;
      out.evasion[last_at + 1] |= static_cast<uint8_t>(kEvasionRepeat | pending_noise | m.evasion);
      if (!out.repeats.empty() && out.repeats.back().at == last_at) {
        ++out.repeats.back().copies;
        out.repeats.back().last_begin = b;
      } else {
        out.repeats.push_back({last_at, 1, first_end, b});
      }
      pending_noise = 0;
      return;
    }
    const auto before = static_cast<uint32_t>(folded.size());
    if (pending_break && before > 0) out.breaks.push_back({before, pending_break == 2});
    folded.Append(m.cp, b, e, m.evasion);
    if (before > 0) out.evasion[before] |= pending_noise;
    pending_noise = 0;
    pending_break = 0;
    break_from_dot = false;
    last_kept = m.cp;
    last_at = before;
    if (!options.pinyin) return;
    if (m.han && m.syllable_len) {
      pinyin.Append(m.Syllable(), before,
                    NormalizedText::kPinyinHan | NormalizedText::kPinyinSyllableStart,
                    NormalizedText::kPinyinHan);
      in_latin_run = false;
    } else if (m.syllable_len) {  // a Latin letter, which may be part of a syllable
      const auto at = static_cast<uint32_t>(pinyin.size());
      if (!in_latin_run) out.latin_runs.push_back({at, at});
      pinyin.Append(m.Syllable(), before, 0, 0);
      out.latin_runs.back().end = static_cast<uint32_t>(pinyin.size());
      in_latin_run = true;
    } else if (!pinyin.empty() && pinyin.back() != ' ') {
      pinyin.Append(" ", before, 0, 0);
      in_latin_run = false;
    }
  };

  // Each character is decoded one step ahead so that its table entry is on its way from memory
  // while the one before it is handled (the entries of a post's characters are rarely cached).
  size_t pos = 0, len = 0;
  char32_t next = s.empty() ? 0 : DecodeAt(s, 0, &len);
  while (pos < s.size()) {
    const char32_t cp = next;
    const auto b = static_cast<uint32_t>(pos);
    const auto e = static_cast<uint32_t>(pos + len);
    pos += len;
    if (pos < s.size()) {
      next = DecodeAt(s, pos, &len);
      table_->Prefetch(next);
    }
    if (cp == utf8::kInvalid) {
      pending_noise |= kEvasionSymbols;
      continue;
    }
    const std::span<const FoldedChar> mapped = table_->Map(cp, &scratch);
    const bool single = mapped.size() == 1;
    for (const FoldedChar& m : mapped) {
      switch (m.cls) {
        case CharClass::kWord:
        case CharClass::kKeep:
          break;
        case CharClass::kDot:
          if (IsDigit(last_kept) && pending_noise == 0 && NextIsDigit(s, pos)) break;
          if (single) {
            pending_noise |= kEvasionSymbols;
            if (pending_break == 0) break_from_dot = true;
            pending_break = std::max(pending_break, 1);
          }
          continue;
        case CharClass::kSpace:
          // Noise inside one character's own expansion (⑸ → "(5)") is not an evasion.
          if (single) pending_noise |= kEvasionSpacing;
          continue;
        case CharClass::kSymbol:
          if (single) pending_noise |= kEvasionSymbols;
          continue;
        case CharClass::kWeakBreak:
          if (single) {
            pending_noise |= kEvasionSymbols;
            pending_break = std::max(pending_break, 1);
            break_from_dot = false;
          }
          continue;
        case CharClass::kStrongBreak:
          if (single) {
            pending_noise |= kEvasionSymbols;
            pending_break = 2;
          }
          continue;
      }
      emit(m, b, e);
    }
  }
  folded.Finish();
  pinyin.Finish();
  if (options.pinyin) MarkLatinSyllables(&out);
}

}  // namespace jianmei::text
