#include "kb/lexicon.h"

#include <algorithm>
#include <cstring>

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

std::vector<LexiconEntry> BuildLexicon(const Knowledge& kb) {
  std::vector<LexiconEntry> out;
  std::vector<std::pair<std::string, const TermOwner*>> terms;
  for (const auto& [folded, owner] : kb.terms()) terms.emplace_back(folded, &owner);
  std::sort(terms.begin(), terms.end());  // deterministic pattern ids
  for (const auto& [folded, owner] : terms) {
    out.push_back({EscapeLiteral(folded), true, owner->term, owner->ref, kb.IdOf(owner->ref),
                   owner->ambiguous});
  }
  for (uint32_t i = 0; i < kb.claims().size(); ++i) {
    for (const auto& p : kb.claims()[i].patterns) {
      out.push_back({p, false, p, {EntityRef::Kind::kClaim, i}, kb.claims()[i].id, false});
    }
  }
  for (uint32_t i = 0; i < kb.signals().size(); ++i) {
    for (const auto& p : kb.signals()[i].patterns) {
      out.push_back({p, false, p, {EntityRef::Kind::kSignal, i}, kb.signals()[i].id, false});
    }
  }
  return out;
}

}  // namespace jianmei::kb
