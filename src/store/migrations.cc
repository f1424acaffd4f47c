#include "store/migrations.h"

namespace jianmei::store {

std::string DatabasePath(const std::string& home) { return home + "/jianmei.db"; }

Status ConfigureConnection(Db* db) {
  return db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

Status Migrate(Db* db, std::string_view component, std::span<const std::string> migrations) {
  if (Status s = db->Exec("CREATE TABLE IF NOT EXISTS schema_versions("
                          "component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
      !s.ok()) {
    return s;
  }
  auto q = db->Prepare("SELECT version FROM schema_versions WHERE component = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, component);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  const int version = *row ? static_cast<int>(q->Int(0)) : 0;
  const int latest = static_cast<int>(migrations.size());
  if (version > latest) {
    return Status::InvalidArgument(db->path() + ": schema of " + std::string(component) +
                                   " is version " + std::to_string(version) +
                                   ", newer than this build's " + std::to_string(latest));
  }
  for (int v = version; v < latest; ++v) {
    Transaction tx(db);
    if (!tx.status().ok()) return tx.status();
    if (Status s = db->Exec(migrations[v]); !s.ok()) return s;
    auto bump = db->Prepare(
        "INSERT INTO schema_versions(component, version) VALUES(?1, ?2) "
        "ON CONFLICT(component) DO UPDATE SET version = excluded.version");
    if (!bump.ok()) return bump.status();
    bump->BindText(1, component).Bind(2, v + 1);
    if (Status s = bump->Run(); !s.ok()) return s;
    if (Status s = tx.Commit(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace jianmei::store
