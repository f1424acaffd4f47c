// SqliteRecordSource: registry::RecordSource over the registry tables of the SQLite file — each
// look-up one query on an index (licence, registry_names(kind, key), doctors by institution),
// so a registry of a million institutions is never loaded whole. Owns its connection; its
// statements are prepared once. Thread-safe (one query at a time, under a mutex).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "registry/record_source.h"
#include "store/sqlite.h"

namespace jianmei::store {

// Where the compiled name matchers of the registry in `db_path` are cached
// (registry::CachedNameMatcher): the directory `cache` beside the file.
std::string RegistryCacheDir(const std::string& db_path);

class SqliteRecordSource final : public registry::RecordSource {
 public:
  // Opens `db_path`, which must hold the registry's tables at the current schema with current
  // keys (store::MigrateRegistrySchema and UpdateRegistryKeys have run).
  static Result<std::shared_ptr<SqliteRecordSource>> Open(const std::string& db_path);

  Result<std::optional<registry::Institution>> InstitutionByLicence(std::string_view licence) const override;
  Result<std::vector<registry::Institution>> InstitutionsByName(std::string_view folded) const override;
  Result<std::vector<std::string>> LicencesByCore(std::string_view key) const override;
  Result<std::vector<registry::Institution>> Search(std::string_view folded, size_t limit) const override;
  Result<std::vector<registry::Doctor>> DoctorsAt(std::string_view institution_licence) const override;
  Result<size_t> InstitutionCount() const override;
  Result<std::vector<std::string>> CoresStartingWith(std::string_view prefix, size_t limit) const override;
  Status ForEachCore(const std::function<void(std::string_view key)>& fn) const override;
  Result<std::string> ContentVersion() const override;

 private:
  explicit SqliteRecordSource(std::unique_ptr<Db> db) : db_(std::move(db)) {}
  // The statement for `sql`, prepared on first use and reset; mu_ held.
  Result<Stmt*> Statement(const std::string& sql) const;
  Result<std::vector<registry::Institution>> Institutions(Stmt* q) const;

  mutable std::mutex mu_;
  std::unique_ptr<Db> db_;
  mutable std::unordered_map<std::string, std::unique_ptr<Stmt>> statements_;
};

}  // namespace jianmei::store
