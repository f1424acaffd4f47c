// The evidence log's tables in the shared SQLite file and their versioned migrations
// (component "evidence" in store/migrations.h).
// Stateless functions; the caller owns the Db and must not share it across threads.
#pragma once

#include "core/status.h"
#include "store/sqlite.h"

namespace jianmei::store {

// Configures the connection, then applies every evidence migration the file lacks.
Status MigrateEvidenceSchema(Db* db);

}  // namespace jianmei::store
