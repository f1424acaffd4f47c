// RegistryService: the registry as the HTTP server sees it — the current registry::Directory over
// the registry tables of the shared SQLite file (look-ups are queries, so they see every import at
// once) and its InstitutionNames, whose compiled name matcher belongs to one content version of
// the registry: after an import through the API it is swapped before the import answers; after a
// change by another process (`jianmei registry import` while the server runs) it is rebuilt, or
// loaded from the cache, in the background and swapped when ready, without a restart.
// Thread-safe: readers take a snapshot; imports are serialised.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
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

  ~RegistryService();

  std::shared_ptr<const registry::Directory> directory() const;
  // The institution names of that directory, compiled for screening (screen/pipeline.h); made
  // anew with it. At most once per `recheck` interval, looks whether the registry's content
  // version has changed and, if so, starts a rebuild in the background.
  std::shared_ptr<const screen::InstitutionNames> names() const;
  // How often names() looks at the content version (default 1 s; tests shorten it).
  void set_recheck_interval(std::chrono::milliseconds every) {
    recheck_ms_ = every.count();
    next_check_ms_ = 0;
  }
  // Waits for a background rebuild started by names(), if any (tests).
  void WaitForRebuild() const;

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
  // Loads or builds the name matcher of the current content version and swaps it in.
  Status Reload();
  void MaybeStartRebuild() const;

  std::mutex import_mu_;
  std::unique_ptr<store::Db> db_;
  std::shared_ptr<const kb::Knowledge> kb_;
  std::shared_ptr<const registry::RecordSource> source_;
  std::string cache_dir_;
  std::mutex reload_mu_;  // one Reload at a time
  mutable std::mutex mu_;
  std::shared_ptr<const registry::Directory> directory_;
  std::shared_ptr<const screen::InstitutionNames> names_;
  std::string version_;  // of names_
  // The background rebuild.
  std::atomic<int64_t> recheck_ms_{1000};
  mutable std::atomic<int64_t> next_check_ms_{0};
  mutable std::mutex rebuild_mu_;
  mutable std::thread rebuild_;
  mutable std::atomic<bool> rebuilding_{false};
};

}  // namespace jianmei::server
