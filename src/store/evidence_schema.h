// The evidence log's tables in the shared SQLite file and their versioned migrations
// (component "evidence" in store/migrations.h).
// Stateless functions; the caller owns the Db and must not share it across threads.
#pragma once

#include "core/status.h"
#include "store/sqlite.h"

namespace jianmei::store {

// Configures the connection, then applies every evidence migration the file lacks.
Status MigrateEvidenceSchema(Db* db);
// Corruption unless every trigger that makes the evidence tables append-only exists with the
// text the schema created it with (a DROP TRIGGER or a replaced trigger is reported by name).
Status CheckAppendOnlyTriggers(Db* db);

}  // namespace jianmei::store
