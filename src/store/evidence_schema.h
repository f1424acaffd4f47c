// The evidence log's SQLite schema and its versioned migrations (PRAGMA user_version).
// Stateless functions; the caller owns the Db and must not share it across threads.
#pragma once

#include "core/status.h"
#include "store/sqlite.h"

namespace jianmei::store {

inline constexpr int kEvidenceSchemaVersion = 1;

// Sets WAL, synchronous=FULL and foreign_keys, then applies every migration the file lacks,
// each in its own transaction. Refuses a file from a newer version.
Status MigrateEvidenceSchema(Db* db);

}  // namespace jianmei::store
