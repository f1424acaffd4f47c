// RecordSource: where a registry::Directory reads the registry's records, by key, one query at a
// time — never the whole registry at once. store::SqliteRecordSource answers from the indexed
// tables of the SQLite file (a registry of a million institutions); MemorySource from records in
// memory (tests, small registries). The keys are those of registry/name_keys.h.
// Implementations are thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "registry/model.h"

namespace jianmei::registry {

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  virtual Result<std::optional<Institution>> InstitutionByLicence(std::string_view licence) const = 0;
  // Institutions whose folded name or alias is `folded`, in registry order.
  virtual Result<std::vector<Institution>> InstitutionsByName(std::string_view folded) const = 0;
  // The licences of the institutions with the name core `key` (a match key, name_keys.h), in
  // registry order.
  virtual Result<std::vector<std::string>> LicencesByCore(std::string_view key) const = 0;
  // Institutions whose folded name, alias or licence contains `folded`, at most `limit`, in
  // registry order.
  virtual Result<std::vector<Institution>> Search(std::string_view folded, size_t limit) const = 0;
  virtual Result<std::vector<Doctor>> DoctorsAt(std::string_view institution_licence) const = 0;
  virtual Result<size_t> InstitutionCount() const = 0;
  // The distinct match keys longer than `prefix` that begin with it, in byte order, at most `limit`
  // (the name matcher compiles only keys' beginnings: name_matcher.h).
  virtual Result<std::vector<std::string>> CoresStartingWith(std::string_view prefix, size_t limit) const = 0;
  // Every distinct name-core match key, in byte order.
  virtual Status ForEachCore(const std::function<void(std::string_view key)>& fn) const = 0;
  // Changes whenever the records do (a new value after each import); the name matcher's cache
  // is keyed by it.
  virtual Result<std::string> ContentVersion() const = 0;
};

}  // namespace jianmei::registry
