#include "kb/lexicon.h"

#include <algorithm>
#include <cstring>

#include "core/utf8.h"

namespace jianmei::kb {

std::string EscapeLiteral(const std::string& folded) {
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    if (c != '\0' && std::strchr("\\^$.|?*+()[]{}/#-", c)) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string SplitLookBehind(const std::string& pattern, std::u32string* not_after) {
  not_after->clear();
  constexpr std::string_view kOpen = "(?<!";
  if (pattern.rfind(kOpen, 0) != 0) return pattern;
  size_t pos = kOpen.size();
  const bool bracket = pos < pattern.size() && pattern[pos] == '[';
  if (bracket) ++pos;
  const size_t first = pos;
  std::u32string chars;
  while (pos < pattern.size()) {
    if (bracket && pattern[pos] == ']') {
      ++pos;
      break;
    }
    if (pattern[pos] == '^' || pattern[pos] == '[' || pattern[pos] == ')') return pattern;
    // A range (0-9) is not a list of characters; a '-' first or last in the bracket is one.
    if (bracket && pattern[pos] == '-' && pos != first && pos + 1 < pattern.size() &&
        pattern[pos + 1] != ']') {
      return pattern;
    }
    if (pattern[pos] == '\\' && pos + 1 < pattern.size()) {
      if (pattern[pos + 1] == 'd') {
        chars += U"0123456789";
      } else if (pattern[pos + 1] != '\0' && std::strchr("\\^$.|?*+()[]{}/#-", pattern[pos + 1])) {
        chars += static_cast<char32_t>(pattern[pos + 1]);
      } else {
        return pattern;  // \w, \s …: not a list of characters
      }
      pos += 2;
    } else {
      size_t len = 0;
      const char32_t cp = utf8::Decode(pattern, pos, &len);
      if (cp == utf8::kInvalid) return pattern;
      chars += cp;
      pos += len;
    }
    if (!bracket) break;
  }
  if (chars.empty() || pos >= pattern.size() || pattern[pos] != ')') return pattern;
  *not_after = std::move(chars);
  return pattern.substr(pos + 1);
}

std::vector<LexiconEntry> BuildLexicon(const Knowledge& kb) {
  std::vector<LexiconEntry> out;
  std::vector<std::pair<std::string, const TermOwner*>> terms;
  for (const auto& [folded, owner] : kb.terms()) terms.emplace_back(folded, &owner);
  std::sort(terms.begin(), terms.end());  // deterministic pattern ids
  for (const auto& [folded, owner] : terms) {
    const bool venue = owner->ref.kind == EntityRef::Kind::kSignal &&
                       kb.signals()[owner->ref.index].kind == SignalKind::kInstitutionType;
    out.push_back({EscapeLiteral(folded), true, owner->term, owner->ref, kb.IdOf(owner->ref),
                   owner->ambiguous, {}, !venue});
  }
  for (uint32_t i = 0; i < kb.claims().size(); ++i) {
    for (const auto& p : kb.claims()[i].patterns) {
      LexiconEntry e{p, false, p, {EntityRef::Kind::kClaim, i}, kb.claims()[i].id, false, {}};
      e.expression = SplitLookBehind(p, &e.not_after);
      out.push_back(std::move(e));
    }
  }
  for (uint32_t i = 0; i < kb.signals().size(); ++i) {
    for (const auto& p : kb.signals()[i].patterns) {
      LexiconEntry e{p, false, p, {EntityRef::Kind::kSignal, i}, kb.signals()[i].id, false, {}};
      e.expression = SplitLookBehind(p, &e.not_after);
      out.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace jianmei::kb
