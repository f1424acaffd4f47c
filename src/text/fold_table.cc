#include "text/fold_table.h"

#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

#include "core/utf8.h"
#include "text/normalized_text.h"
#include "text/unihan.h"

namespace jianmei::text {
namespace {

const icu::Normalizer2* NfkcCasefold() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  return U_SUCCESS(status) ? n : nullptr;
}

char32_t SingleCodePoint(const std::string& s) {
  size_t len = 0;
  if (s.empty()) return utf8::kInvalid;
  char32_t cp = utf8::Decode(s, 0, &len);
  return len == s.size() ? cp : utf8::kInvalid;
}

// Adds every single-character entry of an OpenCC dictionary to *map (first entry wins).
Status AddOpenccChars(const std::string& path, std::map<char32_t, char32_t>* map) {
  FILE* fp = std::fopen(path.c_str(), "rb");
  if (!fp) return Status::IoError("cannot open OpenCC dictionary " + path);
  try {
    auto dict = opencc::MarisaDict::NewFromFile(fp);
    std::fclose(fp);
    for (const auto& entry : *dict->GetLexicon()) {
      char32_t from = SingleCodePoint(entry->Key());
      char32_t to = SingleCodePoint(entry->GetDefault());
      // 麼 → "麼 么": a character outside GB 2312 whose first value is itself takes the next.
      if (to == from && entry->NumValues() > 1 && !Unihan::Get().InGb2312(from)) {
        to = SingleCodePoint(entry->Values()[1]);
      }
      if (from != utf8::kInvalid && to != utf8::kInvalid && from != to) map->emplace(from, to);
    }
  } catch (const std::exception& e) {
    std::fclose(fp);
    return Status::Corruption("OpenCC dictionary " + path + ": " + e.what());
  }
  return Status::Ok();
}

CharClass ClassifyFolded(char32_t cp) {
  switch (cp) {
    case U'%': case U'¥': return CharClass::kKeep;
    case U'.': return CharClass::kDot;
    case U'\n': case U'\r': case U'。': case U'！': case U'？': case U'!': case U'?':
    case U'…': case U'｡':
      return CharClass::kStrongBreak;
    case U',': case U'，': case U'、': case U'；': case U';': case U'：': case U':':
    case U'､':
      return CharClass::kWeakBreak;
    default: break;
  }
  if (u_isUWhiteSpace(cp)) return CharClass::kSpace;
  const int8_t type = u_charType(cp);
  switch (type) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER: case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER: case U_OTHER_NUMBER:
      return CharClass::kWord;
    default:
      return CharClass::kSymbol;
  }
}

// Everything the normaliser needs about folded character cp.
FoldedChar Describe(char32_t cp, uint8_t evasion) {
  FoldedChar f;
  f.cp = cp;
  f.cls = ClassifyFolded(cp);
  f.evasion = evasion;
  f.han = IsHan(cp);
  std::string_view syllable;
  char letter = 0;
  if (f.han) {
    const uint16_t r = Unihan::Get().ReadingsOf(cp).first;
    if (r != Unihan::kNone) syllable = Unihan::Get().Syllable(r);
  } else if (cp >= U'a' && cp <= U'z') {
    letter = static_cast<char>(cp);
    syllable = std::string_view(&letter, 1);
  }
  // Longer syllables do not exist; one that did would be left out rather than cut.
  if (syllable.size() <= sizeof f.syllable) {
    f.syllable_len = static_cast<uint8_t>(syllable.size());
    std::copy(syllable.begin(), syllable.end(), f.syllable);
  }
  return f;
}

}  // namespace

Result<std::shared_ptr<const FoldTable>> FoldTable::Load(const std::string& dir) {
  if (!NfkcCasefold()) return Status::Internal("ICU NFKC_Casefold normaliser unavailable");
  // Variants first (HK/TW forms → standard traditional), then traditional → simplified.
  std::map<char32_t, char32_t> variants, ts;
  for (const char* f : {"HKVariantsRev.ocd2", "TWVariantsRev.ocd2"}) {
    Status s = AddOpenccChars(dir + "/" + f, &variants);
    if (!s.ok()) return s;
  }
  if (Status s = AddOpenccChars(dir + "/TSCharacters.ocd2", &ts); !s.ok()) return s;

  std::shared_ptr<FoldTable> t(new FoldTable());
  for (auto [from, to] : variants) {
    // The reverse variant tables also list standard simplified characters as HK/TW forms of
    // something else (著 → 着, 么 → 幺): a character of GB 2312 keeps itself (TSCharacters
    // may still simplify it: 後 → 后).
    if (Unihan::Get().InGb2312(from)) continue;
    auto it = ts.find(to);
    if (it == ts.end()) it = ts.find(from);  // 麼: TW variant 麽 has no entry, 麼 → 么 has
    t->simplify_.emplace_back(from, it == ts.end() ? to : it->second);
  }
  for (auto [from, to] : ts) {
    if (!variants.count(from)) t->simplify_.emplace_back(from, to);
  }
  std::sort(t->simplify_.begin(), t->simplify_.end());

  t->bmp_.resize(kTableSize);
  for (char32_t cp = 0; cp < kTableSize; ++cp) t->bmp_[cp] = t->BuildEntry(cp);
  t->emoji_.resize(kEmojiSize);
  for (char32_t i = 0; i < kEmojiSize; ++i) t->emoji_[i] = t->BuildEntry(kEmojiBegin + i);
  return std::shared_ptr<const FoldTable>(std::move(t));
}

FoldedChar FoldTable::BuildEntry(char32_t cp) {
  if (cp >= 0xD800 && cp <= 0xDFFF) return Describe(cp, 0);  // never decoded; kept as themselves
  std::vector<FoldedChar> pieces;
  MapSlow(cp, &pieces);
  if (pieces.size() == 1) return pieces[0];
  FoldedChar entry;
  entry.cp = static_cast<char32_t>(expansions_.size());
  entry.expands = true;
  expansions_.push_back(std::move(pieces));
  return entry;
}

Result<std::shared_ptr<const FoldTable>> FoldTable::Default() {
  static std::once_flag once;
  static Result<std::shared_ptr<const FoldTable>>* table = nullptr;
  std::call_once(once, [] {
    const char* env = std::getenv("JIANMEI_OPENCC_DIR");
    table = new Result<std::shared_ptr<const FoldTable>>(
        Load(env && *env ? env : "/usr/share/opencc"));
  });
  return *table;
}

char32_t FoldTable::Simplify(char32_t cp) const {
  auto it = std::lower_bound(simplify_.begin(), simplify_.end(), std::make_pair(cp, char32_t{0}));
  return it != simplify_.end() && it->first == cp ? it->second : cp;
}

void FoldTable::FoldSlow(char32_t cp, std::u32string* out, uint8_t* evasion) const {
  out->clear();
  const icu::Normalizer2* nfkc = NfkcCasefold();
  if (nfkc->isInert(cp)) {
    out->push_back(cp);
  } else {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString src(static_cast<UChar32>(cp));
    icu::UnicodeString dst = nfkc->normalize(src, status);
    if (U_FAILURE(status) || dst.isEmpty()) {
      out->push_back(cp);
    } else {
      for (int32_t i = 0; i < dst.length(); i = dst.moveIndex32(i, 1)) {
        out->push_back(static_cast<char32_t>(dst.char32At(i)));
      }
    }
    // Plain ASCII case is not an evasion; full-width and compatibility forms are, except the
    // ￥ and ％ that Chinese input methods type in their default punctuation mode.
    const bool ascii_case = cp < 0x80 && out->size() == 1;
    const bool ime_default = cp == U'￥' || cp == U'％';
    if (!ascii_case && !ime_default && (out->size() != 1 || (*out)[0] != cp)) {
      *evasion |= kEvasionWidth;
    }
  }
  for (char32_t& c : *out) {
    char32_t s = Simplify(c);
    if (s != c) {
      c = s;
      *evasion |= kEvasionTraditional;
      continue;
    }
    // Unihan variants OpenCC does not know (峯 → 峰, 㾗 → 瘦): outside GB 2312 only.
    const char32_t v = Unihan::Get().Variant(c);
    if (v != c) {
      c = Simplify(v);
      *evasion |= kEvasionVariant;
    }
  }
}

std::span<const FoldedChar> FoldTable::MapSlow(char32_t cp, std::vector<FoldedChar>* out) const {
  uint8_t ev = 0;
  std::u32string folded;
  FoldSlow(cp, &folded, &ev);
  out->clear();
  for (char32_t c : folded) out->push_back(Describe(c, ev));
  return *out;
}

}  // namespace jianmei::text
