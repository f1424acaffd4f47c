// MemorySource: a RecordSource over records held in memory, indexed by the keys of
// registry/name_keys.h. For tests and small registries; a stored registry is read through
// store::SqliteRecordSource instead. Immutable after construction.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "registry/record_source.h"
#include "text/normalizer.h"

namespace jianmei::registry {

class MemorySource final : public RecordSource {
 public:
  MemorySource(const text::Normalizer& normalizer, std::vector<Institution> institutions,
               std::vector<Doctor> doctors);

  Result<std::optional<Institution>> InstitutionByLicence(std::string_view licence) const override;
  Result<std::vector<Institution>> InstitutionsByName(std::string_view folded) const override;
  Result<std::vector<std::string>> LicencesByCore(std::string_view key) const override;
  Result<std::vector<Institution>> Search(std::string_view folded, size_t limit) const override;
  Result<std::vector<Doctor>> DoctorsAt(std::string_view institution_licence) const override;
  Result<size_t> InstitutionCount() const override { return institutions_.size(); }
  Result<std::vector<std::string>> CoresStartingWith(std::string_view prefix, size_t limit) const override;
  Status ForEachCore(const std::function<void(std::string_view key)>& fn) const override;
  Result<std::string> ContentVersion() const override { return version_; }

 private:
  std::vector<Institution> institutions_;
  std::vector<Doctor> doctors_;
  std::unordered_map<std::string, size_t> by_licence_;
  std::unordered_multimap<std::string, size_t> by_name_;
  std::map<std::string, std::vector<size_t>, std::less<>> by_core_;  // ordered: ForEachCore in byte order
  std::vector<std::string> search_keys_;
  std::unordered_multimap<std::string, size_t> doctors_at_;
  std::string version_;  // a hash of the records
};

}  // namespace jianmei::registry
