// KnowledgeLoader: reads kb/*.toml into a Knowledge and validates it (doc/kb_format.md).
// Internal to the kb module; single use, not thread-safe.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "kb/diagnostic.h"
#include "kb/knowledge.h"

namespace jianmei::kb {

class KnowledgeLoader {
 public:
  KnowledgeLoader(std::shared_ptr<const text::Normalizer> normalizer,
                  std::vector<Diagnostic>* diagnostics);
  void LoadFile(const std::string& path, const std::string& display_name);
  // Cross-entry checks; returns the finished object (valid only if no diagnostics were added).
  std::shared_ptr<Knowledge> Finish();

 private:
  void ReadLaw(const toml::table& t, const std::string& file);
  void ReadProcedure(const toml::table& t, const std::string& file);
  void ReadProduct(const toml::table& t, const std::string& file);
  void ReadClaim(const toml::table& t, const std::string& file);
  void ReadSignal(const toml::table& t, const std::string& file);
  void ReadGradeRule(const toml::table& t, const std::string& file);
  void ReadDepartmentRule(const toml::table& t, const std::string& file);
  void ReadPracticeRule(const toml::table& t, const std::string& file);
  void ReadCategoryNote(const toml::table& t, const std::string& file);
  void ReadWording(const toml::table& t, const std::string& file);
  void ReadModel(const toml::table& t, const std::string& file);
  // Lints only: the campaign module compiles the forms in (contact_handle_reader.cc).
  void ReadContactHandle(const toml::table& t, const std::string& file);
  void ReadComplaintChannel(const toml::table& t, const std::string& file);  // complaint_channel_reader.cc
  // With complaint channels, the complaint report's wordings must be there too.
  void CheckComplaintWordings();
  // The model's weights file (TSV beside its TOML file); false after reporting a problem.
  bool ReadModelWeights(const std::string& path, const std::string& shown, ClaimModel* model,
                        const std::vector<std::string>& columns, const Provenance& prov);
  void CheckWordings();
  void CheckInstitutionVocabulary(const std::vector<std::string>& names, bool departments,
                                  const Provenance& prov, const std::string& id);
  void AddTerm(const std::string& term, EntityRef ref, bool ambiguous, const Provenance& prov,
               const std::string& id);
  void CheckBasis(const std::vector<std::string>& basis, const Provenance& prov,
                  const std::string& id);
  void Report(const Provenance& p, const std::string& id, const std::string& message) {
    diagnostics_->push_back({p.file, p.line, id, message});
  }

  std::shared_ptr<Knowledge> kb_;
  std::vector<Diagnostic>* diagnostics_;
  uint64_t hash_ = 1469598103934665603ull;
  std::string current_path_;
  std::set<std::string> contact_handle_ids_, contact_handle_forms_;
  std::vector<std::string> notes_ids_;  // ids of category_notes_, in order  // the file LoadFile reads (a model's weights sit beside it)
};

}  // namespace jianmei::kb
