// InstitutionDirectory: the registry look-ups screening needs (design doc §2: screen declares the
// interface, registry::Directory implements it). Header only; implementations are immutable and
// shared by all threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/category.h"
#include "core/span.h"
#include "core/status.h"
#include "kb/entries.h"

namespace jianmei::screen {

class InstitutionDirectory {
 public:
  // An institution name in a post's folded text: its folded bytes, the short name posts use
  // ("星河" for 深圳市星河医疗美容门诊部有限公司, a fictional example) and every institution it
  // may mean (more than one: ambiguous).
  struct NameHit {
    Span span;  // folded bytes
    std::string core;
    std::vector<std::string> licences;
  };
  // Per-thread state of FindNames.
  class NameScratch {
   public:
    virtual ~NameScratch() = default;
  };
  // Why a named institution or doctor makes a finding.
  struct Judgement {
    Category category = Category::kBeyondLicenceScope;
    Severity severity = Severity::kHigh;
    std::string rule;         // e.g. "registry.beyond_licence_scope"
    std::string explanation;
    std::vector<std::string> basis;  // law ids
    kb::Certainty certainty = kb::Certainty::kRecalled;
  };

  virtual ~InstitutionDirectory() = default;
  virtual Result<std::unique_ptr<NameScratch>> NewNameScratch() const = 0;
  // The institution names in `folded` (a post folded like the screener's, repeats collapsed),
  // leftmost-longest and not overlapping, in text order. The registry's matcher hook: the
  // directory compiles (and caches) its names itself.
  virtual Status FindNames(std::string_view folded, NameScratch& scratch,
                           std::vector<NameHit>* out) const = 0;
  virtual std::string InstitutionName(std::string_view licence) const = 0;
  // valid / suspended / revoked; empty for an unknown licence.
  virtual std::string InstitutionStatus(std::string_view licence) const = 0;
  // A finding when the institution may not perform the procedure (kb procedure id); nothing
  // when it may, or when the registry cannot tell.
  virtual std::optional<Judgement> JudgeProcedure(std::string_view licence,
                                                  std::string_view procedure_id) const = 0;
  // A finding when `name` followed by a doctor's title in a post naming institution `licence`
  // is no registered doctor there, or is not 主诊医师 for `specialty` (empty: any).
  virtual std::optional<Judgement> JudgeDoctor(std::string_view licence, std::string_view name,
                                               std::string_view specialty) const = 0;
};

}  // namespace jianmei::screen
