// Directory: the registry as the commands and the server query it — look-up by licence and name,
// search, qualification and the screening interface — over a RecordSource, one indexed query per
// look-up (store::SqliteRecordSource for the stored registry; nothing is loaded whole), and the
// NameMatcher that finds institution names in posts. Immutable after creation; shared by all
// threads (the HTTP server serves it as JSON through qualification_json.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "kb/knowledge.h"
#include "registry/model.h"
#include "registry/name_matcher.h"
#include "registry/qualification.h"
#include "registry/record_source.h"
#include "screen/institution_directory.h"

namespace jianmei::registry {

class Directory final : public screen::InstitutionDirectory {
 public:
  // Records held in memory (tests, small registries): indexed, and their name cores compiled.
  static std::shared_ptr<const Directory> Create(std::shared_ptr<const kb::Knowledge> kb,
                                                 std::vector<Institution> institutions,
                                                 std::vector<Doctor> doctors);
  // Over `source`. `names` may be null: no names are found in posts (qualify, look-ups).
  static std::shared_ptr<const Directory> Open(std::shared_ptr<const kb::Knowledge> kb,
                                               std::shared_ptr<const RecordSource> source,
                                               std::shared_ptr<const NameMatcher> names);

  const std::shared_ptr<const RecordSource>& source() const { return source_; }
  const std::shared_ptr<const NameMatcher>& name_matcher() const { return names_; }

  Result<std::optional<Institution>> FindByLicence(std::string_view licence) const;
  // Institutions whose name or alias is exactly `name` (after folding), else whose name core is,
  // in registry order.
  Result<std::vector<Institution>> FindByName(std::string_view name) const;
  // Name, alias or licence containing `q` (folded), at most `limit`, in registry order.
  Result<std::vector<Institution>> Search(std::string_view q, size_t limit) const;
  Result<std::vector<Doctor>> DoctorsAt(std::string_view institution_licence) const;
  Result<size_t> InstitutionCount() const { return source_->InstitutionCount(); }

  // `institution`: a licence number or a name; `procedure`: any name, alias or slang the
  // knowledge base knows. NotFound / InvalidArgument (ambiguous name, listing the candidates)
  // when either cannot be resolved to one entry. A procedure named by an ambiguous alias is
  // judged as the entry it most likely means, with the answer unknown (registry::Qualify).
  Result<Qualification> Qualify(std::string_view institution, std::string_view procedure,
                                const Date& today) const;
  // The procedure a name means, through the knowledge base (a product's own procedure too).
  // `ambiguous`, when given, says whether the name is an alias the knowledge base marks ambiguous.
  Result<const kb::Procedure*> ResolveProcedure(std::string_view name,
                                                bool* ambiguous = nullptr) const;

  // screen::InstitutionDirectory. A record that cannot be read is taken as absent.
  Result<std::unique_ptr<NameScratch>> NewNameScratch() const override;
  Status FindNames(std::string_view folded, NameScratch& scratch,
                   std::vector<NameHit>* out) const override;
  std::string InstitutionName(std::string_view licence) const override;
  std::string InstitutionStatus(std::string_view licence) const override;
  std::optional<Judgement> JudgeProcedure(std::string_view licence,
                                          std::string_view procedure_id) const override;
  std::optional<Judgement> JudgeDoctor(std::string_view licence, std::string_view name,
                                       std::string_view specialty) const override;

 private:
  Directory() = default;
  std::string Fold(std::string_view s) const;

  std::shared_ptr<const kb::Knowledge> kb_;
  std::shared_ptr<const RecordSource> source_;
  std::shared_ptr<const NameMatcher> names_;
  Status names_status_;  // why an in-memory directory has no matcher
};

}  // namespace jianmei::registry
