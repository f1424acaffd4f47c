// RegistryService: the registry as the HTTP server sees it — the current registry::Directory and
// its InstitutionNames (immutable, swapped whole after an import) over the registry tables of the
// shared SQLite file.
// Thread-safe: readers take a snapshot; imports are serialised.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "kb/knowledge.h"
#include "registry/directory.h"
#include "registry/record_reader.h"
#include "screen/institution_names.h"
#include "store/registry_store.h"
#include "store/sqlite.h"

namespace jianmei::server {

class RegistryService {
 public:
  // Opens its own connection to the database file and loads what the registry tables hold
  // (none yet: an empty directory).
  static Result<std::unique_ptr<RegistryService>> Open(const std::string& db_path,
                                                       std::shared_ptr<const kb::Knowledge> kb);

  std::shared_ptr<const registry::Directory> directory() const;
  // The institution names of that directory, compiled for screening (screen/pipeline.h); made
  // anew with it.
  std::shared_ptr<const screen::InstitutionNames> names() const;

  struct ImportResult {
    store::RegistryImportCounts counts;
    std::vector<registry::RowError> errors;  // non-empty: nothing was saved
  };
  // Checks every row of one registry file (doc/registry.md); saves all or, when any row is bad,
  // nothing. The directory is reloaded after a save.
  Result<ImportResult> Import(std::string_view data, registry::FileFormat format);

 private:
  RegistryService(std::unique_ptr<store::Db> db, std::shared_ptr<const kb::Knowledge> kb)
      : db_(std::move(db)), kb_(std::move(kb)) {}
  Status Reload();  // with import_mu_ held

  std::mutex import_mu_;
  std::unique_ptr<store::Db> db_;
  std::shared_ptr<const kb::Knowledge> kb_;
  mutable std::mutex mu_;
  std::shared_ptr<const registry::Directory> directory_;
  std::shared_ptr<const screen::InstitutionNames> names_;
};

}  // namespace jianmei::server
