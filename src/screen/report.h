// Report: the result of screening one text (design doc §4). Plain values; the pointers refer to
// entries of the Knowledge the Screener was built with, which outlives every report it makes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/category.h"
#include "core/span.h"
#include "kb/entries.h"

namespace jianmei::screen {

enum class Verdict { kClean, kSuspect, kViolation };
const char* VerdictName(Verdict v);

struct EntityInfo {
  std::string kind;    // "procedure" or "product"
  std::string id;
  std::string name;
  std::string status;  // catalog / banned / non_standard, or approved / unapproved / restricted
  int grade = 0;
};

struct Finding {
  Category category = Category::kGuaranteeEfficacySafety;
  std::string rule;        // e.g. "procedure.banned", "claim.guarantee.no-side-effects"
  Severity severity = Severity::kMedium;
  Span span;               // bytes of the original input
  uint8_t evasion = 0;     // text::Evasion bits
  bool ambiguous = false;  // matched a term that may also mean something else
  bool has_entity = false;
  EntityInfo entity;
  std::vector<const kb::Law*> basis;
  std::string explanation;
  kb::Certainty certainty = kb::Certainty::kVerified;  // weakest of the rule and its basis
  uint8_t confidence = 100;  // percent; below 100 when found only through pinyin or homophones
};

// A procedure or product named in the text, whether or not it is a finding (a victim's account
// names the banned surgery without advertising it).
struct Mention {
  EntityInfo entity;
  Span span;
  uint8_t evasion = 0;
};

struct Report {
  Verdict verdict = Verdict::kClean;
  int risk = 0;
  bool promotional = false;
  std::vector<Finding> findings;  // sorted by span
  std::vector<Mention> mentions;
};

// Sets risk and verdict from the findings (design doc §4); for whoever adds findings.
void ScoreReport(Report* report);

}  // namespace jianmei::screen
