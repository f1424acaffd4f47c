// Lexicon: every term and pattern of a Knowledge as one list of match expressions, each tied to
// the entry it belongs to. Built once per knowledge-base version; immutable.
#pragma once

#include <string>
#include <vector>

#include "kb/knowledge.h"

namespace jianmei::kb {

struct LexiconEntry {
  std::string expression;  // regular expression over folded text (literals escaped)
  bool literal = false;
  std::string display;     // the term or pattern as written in the knowledge base
  EntityRef owner;
  std::string owner_id;     // the owner's id, for messages
  bool ambiguous = false;
};

// Literal terms first (in the order of Knowledge::terms()), then patterns.
std::vector<LexiconEntry> BuildLexicon(const Knowledge& kb);

// `folded` with every regular-expression metacharacter escaped.
std::string EscapeLiteral(const std::string& folded);

}  // namespace jianmei::kb
