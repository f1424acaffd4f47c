// InstitutionDirectory: the registry look-ups screening needs (design doc §2: screen declares the
// interface, registry::Directory implements it). Header only; implementations are immutable and
// shared by all threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/category.h"
#include "kb/entries.h"

namespace jianmei::screen {

class InstitutionDirectory {
 public:
  // A short name posts use ("星河" for 深圳市星河医疗美容门诊部有限公司, a fictional example) and
  // every institution it may mean. `needs_suffix`: too short to stand alone, it counts only when
  // followed by an institution word (医美, 整形, 门诊, …).
  struct NameCore {
    std::string core;
    bool needs_suffix = false;
    std::vector<std::string> licences;
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
  virtual const std::vector<NameCore>& name_cores() const = 0;
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
