// Directory: the loaded registry in memory — look-up by licence and name, search, qualification
// and the screening interface. Immutable after Create(); shared by all threads (the HTTP server
// serves it as JSON through qualification_json.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "kb/knowledge.h"
#include "registry/model.h"
#include "registry/qualification.h"
#include "screen/institution_directory.h"

namespace jianmei::registry {

class Directory final : public screen::InstitutionDirectory {
 public:
  static std::shared_ptr<const Directory> Create(std::shared_ptr<const kb::Knowledge> kb,
                                                 std::vector<Institution> institutions,
                                                 std::vector<Doctor> doctors);

  const std::vector<Institution>& institutions() const { return institutions_; }
  const std::vector<Doctor>& doctors() const { return doctors_; }
  const Institution* FindByLicence(std::string_view licence) const;
  // Institutions whose name or alias is exactly `name` (after folding), else whose name core is.
  std::vector<const Institution*> FindByName(std::string_view name) const;
  // Name, alias or licence containing `q` (folded), at most `limit`, in registry order.
  std::vector<const Institution*> Search(std::string_view q, size_t limit) const;
  std::vector<const Doctor*> DoctorsAt(std::string_view institution_licence) const;

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

  // screen::InstitutionDirectory
  const std::vector<NameCore>& name_cores() const override { return cores_; }
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
  std::vector<Institution> institutions_;
  std::vector<Doctor> doctors_;
  std::unordered_map<std::string, size_t> by_licence_;
  std::unordered_multimap<std::string, size_t> by_name_, by_core_;  // folded
  std::vector<std::string> search_keys_;  // per institution: folded name, aliases and licence
  std::unordered_multimap<std::string, size_t> doctors_at_;  // institution licence → doctor
  std::vector<NameCore> cores_;
};

}  // namespace jianmei::registry
