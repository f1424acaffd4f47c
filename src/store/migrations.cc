#include "store/migrations.h"

#include <chrono>
#include <thread>

namespace jianmei::store {
namespace {

// The component's recorded version; 0 when it has none or the file has no schema_versions yet.
Result<int> ReadVersion(Db* db, std::string_view component) {
  auto has = HasTable(db, "schema_versions");
  if (!has.ok()) return has.status();
  if (!*has) return 0;
  auto q = db->Prepare("SELECT version FROM schema_versions WHERE component = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, component);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? static_cast<int>(q->Int(0)) : 0;
}

Status CheckNotNewer(Db* db, std::string_view component, int version, int latest) {
  if (version <= latest) return Status::Ok();
  return Status::InvalidArgument(db->path() + ": schema of " + std::string(component) +
                                 " is version " + std::to_string(version) +
                                 ", newer than this build's " + std::to_string(latest));
}

}  // namespace

std::string DatabasePath(const std::string& home) { return home + "/jianmei.db"; }

Status ConfigureConnection(Db* db) {
  // Switching a new file to WAL needs an exclusive lock. When two connections both hold a shared
  // lock and ask for it, SQLite refuses one at once (it would deadlock) without calling the busy
  // handler, so the busy timeout alone does not make it wait: retry for as long.
  constexpr const char* kWal = "PRAGMA journal_mode=WAL";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  for (;;) {
    int rc = sqlite3_exec(db->raw(), kWal, nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) break;
    if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) {
      return Status::IoError("sqlite: " + std::string(sqlite3_errmsg(db->raw())) + " (in \"" +
                             kWal + "\" on " + db->path() + ")");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return db->Exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

Status Migrate(Db* db, std::string_view component, std::span<const std::string> migrations) {
  const int latest = static_cast<int>(migrations.size());
  auto current = ReadVersion(db, component);
  if (!current.ok()) return current.status();
  if (Status s = CheckNotNewer(db, component, *current, latest); !s.ok()) return s;
  if (*current == latest) return Status::Ok();  // versions only grow: nothing to do, no lock
  // Another process may be migrating the same file: each step re-reads the version inside its
  // own write transaction, so a step is applied exactly once.
  for (;;) {
    Transaction tx(db);
    if (!tx.status().ok()) return tx.status();
    if (Status s = db->Exec("CREATE TABLE IF NOT EXISTS schema_versions("
                            "component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
        !s.ok()) {
      return s;
    }
    auto version = ReadVersion(db, component);
    if (!version.ok()) return version.status();
    if (Status s = CheckNotNewer(db, component, *version, latest); !s.ok()) return s;
    if (*version == latest) return tx.Commit();
    if (Status s = db->Exec(migrations[*version]); !s.ok()) return s;
    auto bump = db->Prepare(
        "INSERT INTO schema_versions(component, version) VALUES(?1, ?2) "
        "ON CONFLICT(component) DO UPDATE SET version = excluded.version");
    if (!bump.ok()) return bump.status();
    bump->BindText(1, component).Bind(2, *version + 1);
    if (Status s = bump->Run(); !s.ok()) return s;
    if (Status s = tx.Commit(); !s.ok()) return s;
  }
}

}  // namespace jianmei::store
