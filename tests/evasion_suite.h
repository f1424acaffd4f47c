// Evasion suite generator: for every literal term of a lexicon, the spellings sellers use to slip
// past filters — one trick at a time and every allowed pair of tricks — each embedded in a short
// carrier sentence. Used by tests/evasion_test.cc and by bench/ (the peer recall table).
// Deterministic for a given lexicon and seed; a plain function, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "kb/lexicon.h"
#include "text/normalizer.h"

namespace jianmei::testing {

struct EvasionCase {
  std::string trick;    // "spacing", "pinyin_full", "traditional+repeat", …
  uint32_t entry;       // index into the lexicon the term came from
  std::string term;     // as written in the knowledge base
  std::string evaded;   // the evaded spelling
  std::string text;     // the carrier sentence containing it
  uint32_t begin, end;  // byte range of `evaded` inside `text`
};

// The single tricks, in table order.
const std::vector<std::string>& EvasionTricks();

// Cases for every literal entry of `lexicon` that the trick applies to (traditional only where
// OpenCC changes the term, width only where the term has a Latin letter, digit or a character
// with a CJK compatibility form, pinyin only for all-Han terms, initials and homophones only for
// terms of 4+ syllables, never for terms that genuinely repeat a character).
Result<std::vector<EvasionCase>> GenerateEvasions(const std::vector<kb::LexiconEntry>& lexicon,
                                                  const text::Normalizer& normalizer,
                                                  uint64_t seed = 7);

}  // namespace jianmei::testing
