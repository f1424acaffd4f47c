// Qualification: may this institution perform this procedure? Judged from the knowledge base's
// structured rules (kb/grade_rules.toml: grade_rule, department_rule, practice_rule) against a
// registry record. Pure function of its inputs; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/category.h"
#include "kb/knowledge.h"
#include "registry/model.h"

namespace jianmei::registry {

enum class Outcome { kAllowed, kNotAllowed, kUnknown };
const char* OutcomeName(Outcome o);  // allowed / not_allowed / unknown

// One condition checked. `effect` is kAllowed when the condition is met, kNotAllowed when it is
// broken, kUnknown when a fact it needs is missing.
struct Reason {
  std::string check;  // "procedure", "venue", "status", "validity", "grade", "department", "project"
  Outcome effect = Outcome::kUnknown;
  std::string rule;   // the kb entry it comes from
  std::string message;
  std::vector<const kb::Law*> basis;
  kb::Certainty certainty = kb::Certainty::kRecalled;
};

struct Qualification {
  Outcome outcome = Outcome::kUnknown;
  std::string institution_licence, institution_name, institution_type;
  std::string procedure_id, procedure_name;
  int grade = 0;
  std::string named_as;  // the name asked about, when it is an ambiguous alias (else empty)
  Category category = Category::kBeyondLicenceScope;  // when not allowed: the finding it means
  std::vector<Reason> reasons;
  std::vector<std::string> missing;  // facts the registry lacks, when the outcome is unknown
};

// `today` decides whether the licence is within its validity dates. `ambiguous_name`: the
// procedure was asked about by this alias, which the knowledge base marks ambiguous (it may also
// mean another procedure, or none): the reasons judge the entry it most likely means, and a
// first reason (check "name") says why the answer is then unknown, never allowed — unless every
// reading is forbidden: an alias whose readings differ only in grade (kb
// grade_ambiguous_aliases) is not_allowed when the venue, the licence's status or validity, or
// the departments forbid it, which hold whatever the grade.
Qualification Qualify(const kb::Knowledge& kb, const Institution& institution,
                      const kb::Procedure& procedure, const Date& today,
                      std::string_view ambiguous_name = {});

// The procedure a registered (备案) project name means: a procedure's name or unambiguous alias
// in the knowledge base; null for anything else (doc/registry.md, `projects`).
const kb::Procedure* RegisteredProject(const kb::Knowledge& kb, std::string_view name);

// Today's date (local time) as YYYY-MM-DD.
Date Today();

}  // namespace jianmei::registry
