// Knowledge: the loaded, validated knowledge base (doc/kb_format.md). Immutable after Load();
// shared by all threads through shared_ptr<const Knowledge>. A reload builds a new object.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "core/string_map.h"
#include "kb/claim_model.h"
#include "kb/diagnostic.h"
#include "kb/entries.h"
#include "text/normalizer.h"

namespace jianmei::kb {

// Which entry a term or pattern belongs to.
struct EntityRef {
  enum class Kind : uint8_t { kProcedure, kProduct, kClaim, kSignal };
  Kind kind = Kind::kProcedure;
  uint32_t index = 0;
  friend bool operator==(const EntityRef&, const EntityRef&) = default;
};

struct TermOwner {
  EntityRef ref;
  bool ambiguous = false;
  std::string term;  // as written in the knowledge base
};

class Knowledge {
 public:
  // Loads every *.toml file below dir. Every problem found is appended to *diagnostics; if
  // there is any, the result is an InvalidArgument status that counts them.
  static Result<std::shared_ptr<const Knowledge>> Load(const std::string& dir,
                                                       std::shared_ptr<const text::Normalizer> normalizer,
                                                       std::vector<Diagnostic>* diagnostics);

  Knowledge(const Knowledge&) = delete;
  Knowledge& operator=(const Knowledge&) = delete;

  const std::vector<Law>& laws() const { return laws_; }
  const std::vector<Procedure>& procedures() const { return procedures_; }
  const std::vector<Product>& products() const { return products_; }
  const std::vector<Claim>& claims() const { return claims_; }
  const std::vector<Signal>& signals() const { return signals_; }
  const std::vector<GradeRule>& grade_rules() const { return grade_rules_; }
  const std::vector<DepartmentRule>& department_rules() const { return department_rules_; }
  const std::vector<PracticeRule>& practice_rules() const { return practice_rules_; }
  const std::vector<CategoryNote>& category_notes() const { return category_notes_; }
  // Where complaints go (kb/complaint_channels.toml), in file order; empty in a kb without them.
  const std::vector<ComplaintChannel>& complaint_channels() const { return complaint_channels_; }
  // The learned claim model (kb/model/), or null when the knowledge base has none.
  const ClaimModel* claim_model() const { return claim_model_.get(); }
  // Folded term → the entry it names (official names, aliases, ambiguous aliases, literal terms).
  const std::unordered_map<std::string, TermOwner>& terms() const { return terms_; }
  // FNV-1a of the files' names and contents: identifies this knowledge-base version.
  const std::string& version() const { return version_; }
  // The normaliser terms were folded with (for callers folding their own names the same way).
  const text::Normalizer& normalizer() const { return *normalizer_; }

  const Law* FindLaw(std::string_view id) const;
  const Procedure* FindProcedure(std::string_view id) const;
  const GradeRule* FindGradeRule(int grade) const;
  const DepartmentRule* FindDepartmentRule(std::string_view specialty) const;
  const PracticeRule* FindPracticeRule(PracticeCase c) const;
  const CategoryNote* FindCategoryNote(Category c) const;
  // The wording with this id (kb/wording.toml). The loader requires every id the code asks for
  // (KnowledgeLoader::CheckWordings), so this is empty only for an id nobody requires.
  const std::string& WordingText(std::string_view id) const;
  // The entry whose name or alias folds to the same text as `name`, if any.
  const TermOwner* Resolve(std::string_view name) const;
  // Id of any entry, for messages.
  const std::string& IdOf(EntityRef ref) const;

 private:
  friend class KnowledgeLoader;
  Knowledge() = default;

  std::vector<Law> laws_;
  std::vector<Procedure> procedures_;
  std::vector<Product> products_;
  std::vector<Claim> claims_;
  std::vector<Signal> signals_;
  std::vector<GradeRule> grade_rules_;
  std::vector<DepartmentRule> department_rules_;
  std::vector<PracticeRule> practice_rules_;
  std::vector<CategoryNote> category_notes_;
  std::vector<ComplaintChannel> complaint_channels_;
  std::vector<Wording> wordings_;
  std::shared_ptr<const ClaimModel> claim_model_;
  std::unordered_map<std::string, TermOwner> terms_;
  StringMap<size_t> law_index_, procedure_index_;  // a finding looks up each of its laws
  std::shared_ptr<const text::Normalizer> normalizer_;
  std::string version_;
};

}  // namespace jianmei::kb
