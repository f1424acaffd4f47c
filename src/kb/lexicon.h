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
  // A pattern written "(?<![…])rest" (Vectorscan has no look-behind) is compiled as `rest`; a
  // match of it right after one of these folded characters is no match.
  std::u32string not_after;
  // Whether the pinyin channel may find the term through Han homophones. A venue is named by the
  // seller, who has no reason to disguise it: a homophone reading of one is an ordinary word
  // (注射时 read as 注射师), and a venue decides critical findings.
  bool homophones = true;
};

// Literal terms first (in the order of Knowledge::terms()), then patterns.
std::vector<LexiconEntry> BuildLexicon(const Knowledge& kb);

// Splits a leading negative look-behind off `pattern`: "(?<![\\d.])0元" → "0元" with
// *not_after = "0123456789.". The look-behind holds one character or a bracket of characters,
// `\d` and `\`-escapes; anything else (a range such as 0-9 included) is left in place, and the
// compiler rejects it.
std::string SplitLookBehind(const std::string& pattern, std::u32string* not_after);

// `folded` with every regular-expression metacharacter escaped.
std::string EscapeLiteral(const std::string& folded);

}  // namespace jianmei::kb
