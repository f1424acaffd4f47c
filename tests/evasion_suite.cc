#include "tests/evasion_suite.h"

#include <opencc/opencc.h>

#include <cctype>
#include <functional>
#include <map>
#include <random>

#include "core/utf8.h"
#include "text/unihan.h"

namespace jianmei::testing {
namespace {

using Units = std::vector<std::string>;  // one string per character of the term

Units Split(const std::string& s) {
  Units out;
  for (size_t pos = 0; pos < s.size();) {
    size_t len;
    utf8::Decode(s, pos, &len);
    out.push_back(s.substr(pos, len));
    pos += len;
  }
  return out;
}

char32_t Cp(const std::string& unit) {
  size_t len;
  return utf8::Decode(unit, 0, &len);
}

std::string Utf8(char32_t cp) {
  std::string s;
  utf8::Append(cp, &s);
  return s;
}

// Reverse tables built once: variant and compatibility forms of a character, homophones.
struct Tables {
  std::map<char32_t, char32_t> variant_of;  // GB 2312 char → a Unihan variant folding to it
  std::map<char32_t, char32_t> compat_of;   // char → a CJK compatibility ideograph folding to it
  std::map<uint16_t, std::vector<char32_t>> by_reading;  // customary reading → common chars
};

Tables BuildTables(const text::Normalizer& normalizer) {
  Tables t;
  const text::Unihan& u = text::Unihan::Get();
  for (char32_t cp = 0x3400; cp < 0xA000; ++cp) {
    const char32_t v = u.Variant(cp);
    if (v == cp || t.variant_of.count(v)) continue;
    const text::NormalizedText nt = normalizer.Normalize(Utf8(cp), {.pinyin = false});
    if (nt.folded == Utf8(v) && nt.EvasionIn({0, static_cast<uint32_t>(nt.folded.size())}) ==
                                    text::kEvasionVariant) {
      t.variant_of[v] = cp;
    }
  }
  for (char32_t cp = 0xF900; cp <= 0xFAD9; ++cp) {
    const std::string f = normalizer.Fold(Utf8(cp));
    const auto units = Split(f);
    if (units.size() == 1 && !t.compat_of.count(Cp(units[0]))) t.compat_of[Cp(units[0])] = cp;
  }
  for (char32_t cp = 0x4E00; cp < 0x9FA6; ++cp) {
    const uint16_t r = u.ReadingsOf(cp).first;
    if (r != text::Unihan::kNone && normalizer.Fold(Utf8(cp)) == Utf8(cp)) t.by_reading[r].push_back(cp);
  }
  return t;
}

bool AllHan(const Units& units) {
  const text::Unihan& u = text::Unihan::Get();
  for (const auto& c : units) {
    if (!text::IsHan(Cp(c)) || u.ReadingsOf(Cp(c)).first == text::Unihan::kNone) return false;
  }
  return true;
}

std::string Join(const Units& units, const std::vector<std::string>& seps, std::mt19937_64& rng) {
  std::string out;
  for (size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && !seps.empty()) {
      std::string sep = seps[rng() % seps.size()];
      // A dot between digits is a decimal point, not noise.
      const char32_t prev = Cp(units[i - 1]);
      if (sep == "." && ((prev >= U'0' && prev <= U'9') || (prev >= 0xFF10 && prev <= 0xFF19))) sep = "*";
      out += sep;
    }
    out += units[i];
  }
  return out;
}

const std::vector<std::string> kSpaces = {" ", "  ", "\u3000"};
const std::vector<std::string> kSymbols = {"*", "·", "/", "-", "_", "|", "~", ".", "#", "\u200b"};
const std::vector<std::string> kEmoji = {"💉", "✨", "🔥", "😍", "👉", "💰", "❤️"};

}  // namespace

const std::vector<std::string>& EvasionTricks() {
  static const std::vector<std::string> tricks = {
      "spacing", "symbols", "width", "traditional", "emoji", "repeat", "variant",
      "pinyin_full", "pinyin_mixed", "initials", "homophone"};
  return tricks;
}

Result<std::vector<EvasionCase>> GenerateEvasions(const std::vector<kb::LexiconEntry>& lexicon,
                                                  const text::Normalizer& normalizer,
                                                  uint64_t seed) {
  std::unique_ptr<opencc::SimpleConverter> s2t;
  try {
    s2t = std::make_unique<opencc::SimpleConverter>("s2t.json");
  } catch (const std::exception& e) {
    return Status::IoError(std::string("OpenCC s2t.json: ") + e.what());
  }
  const Tables tables = BuildTables(normalizer);
  const text::Unihan& u = text::Unihan::Get();
  std::mt19937_64 rng(seed);
  std::vector<EvasionCase> out;

  for (uint32_t id = 0; id < lexicon.size(); ++id) {
    const kb::LexiconEntry& e = lexicon[id];
    if (!e.literal) continue;
    const Units term = Split(e.display);
    const std::string folded = normalizer.Fold(e.display);
    if (text::CollapseRepeats(folded) != folded) continue;  // genuine repeats: see header
    const bool han = AllHan(term);

    // Character substitutions; each returns false when it does not apply to this term.
    auto traditional = [&](Units* x) {
      const Units t = Split(s2t->Convert(Join(*x, {}, rng)));
      if (t.size() != x->size() || t == *x) return false;
      *x = t;
      return true;
    };
    auto width = [&](Units* x) {
      bool changed = false;
      for (auto& c : *x) {
        const char32_t cp = Cp(c);
        if (cp > 0x20 && cp < 0x7F) {
          c = Utf8(cp + 0xFEE0);
          changed = true;
        } else if (auto it = tables.compat_of.find(cp); it != tables.compat_of.end()) {
          c = Utf8(it->second);
          changed = true;
        }
      }
      return changed;
    };
    auto variant = [&](Units* x) {
      bool changed = false;
      for (auto& c : *x) {
        if (auto it = tables.variant_of.find(Cp(c)); it != tables.variant_of.end()) {
          c = Utf8(it->second);
          changed = true;
        }
      }
      return changed;
    };
    auto repeat = [&](Units* x) {
      Units r;
      for (const auto& c : *x) {
        r.push_back(c);
        if (text::IsHan(Cp(c))) r.push_back(c);
      }
      const bool changed = r.size() != x->size();
      *x = r;
      return changed;
    };
    auto syllable = [&](const std::string& c) {
      return std::string(u.Syllable(u.ReadingsOf(Cp(c)).first));
    };
    auto pinyin_full = [&](Units* x) {
      if (!han || x->size() < 2) return false;
      for (auto& c : *x) c = syllable(c);
      return true;
    };
    auto pinyin_mixed = [&](Units* x) {
      if (!han || x->size() < 2) return false;
      for (size_t i = 0; i < x->size(); i += 2) (*x)[i] = syllable((*x)[i]);
      return true;
    };
    auto initials = [&](Units* x) {
      if (!han || x->size() < 4) return false;
      for (auto& c : *x) c = syllable(c).substr(0, 1);
      return true;
    };
    auto homophone = [&](Units* x) {
      if (!han || x->size() < 4) return false;
      bool changed = false;
      for (size_t i = 1; i < x->size(); i += 2) {
        const auto& same = tables.by_reading.at(u.ReadingsOf(Cp((*x)[i])).first);
        for (size_t k = 0; k < same.size(); ++k) {
          const char32_t cand = same[(rng() + k) % same.size()];
          if (cand != Cp((*x)[i]) && term[i] != Utf8(cand)) {
            (*x)[i] = Utf8(cand);
            changed = true;
            break;
          }
        }
      }
      return changed;
    };

    using Sub = std::function<bool(Units*)>;
    const std::map<std::string, Sub> subs = {
        {"width", width},         {"traditional", traditional}, {"repeat", repeat},
        {"variant", variant},     {"pinyin_full", pinyin_full}, {"pinyin_mixed", pinyin_mixed},
        {"initials", initials},   {"homophone", homophone}};
    const std::map<std::string, const std::vector<std::string>*> seps = {
        {"spacing", &kSpaces}, {"symbols", &kSymbols}, {"emoji", &kEmoji}};

    auto make = [&](const std::vector<std::string>& tricks) {
      Units x = term;
      const std::vector<std::string>* sep = nullptr;
      for (const auto& t : tricks) {
        if (auto s = seps.find(t); s != seps.end()) {
          if (sep) return;  // one kind of separator at a time
          sep = s->second;
        } else if (!subs.at(t)(&x)) {
          return;
        }
      }
      if (sep && x.size() < 2) return;
      std::string trick;
      for (const auto& t : tricks) trick += (trick.empty() ? "" : "+") + t;
      EvasionCase c{trick, id, e.display, Join(x, sep ? *sep : std::vector<std::string>{}, rng), "", 0, 0};
      // Initials only make sense as a word of their own; everything else sits inside a sentence.
      const std::string before = "姐妹们，", after = "，了解一下。";
      c.text = before + c.evaded + after;
      c.begin = static_cast<uint32_t>(before.size());
      c.end = static_cast<uint32_t>(before.size() + c.evaded.size());
      out.push_back(std::move(c));
    };

    const auto& tricks = EvasionTricks();
    for (size_t i = 0; i < tricks.size(); ++i) {
      make({tricks[i]});
      for (size_t j = i + 1; j < tricks.size(); ++j) {
        const bool pinyin_i = tricks[i].rfind("pinyin", 0) == 0 || tricks[i] == "initials" || tricks[i] == "homophone";
        const bool pinyin_j = tricks[j].rfind("pinyin", 0) == 0 || tricks[j] == "initials" || tricks[j] == "homophone";
        if (pinyin_i && pinyin_j) continue;
        // Character-level tricks make no sense once the characters are letters.
        if ((pinyin_i || pinyin_j) && (tricks[i] == "traditional" || tricks[i] == "variant" ||
                                       tricks[i] == "width" || tricks[i] == "repeat" ||
                                       tricks[j] == "initials")) {
          continue;
        }
        make({tricks[i], tricks[j]});
      }
    }
  }
  return out;
}

}  // namespace jianmei::testing
