// Versioned schema migrations for the one SQLite file of the design doc ($JIANMEI_HOME/jianmei.db).
// Each component (evidence, registry, screenings, …) owns an ordered list of migrations and its
// own version row in `schema_versions`, so components evolve independently in the same file.
// Stateless; the caller owns the Db and must not share it across threads.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/sqlite.h"

namespace jianmei::store {

// The file every component shares, under a JIANMEI_HOME directory.
std::string DatabasePath(const std::string& home);

// Sets WAL, synchronous=FULL and foreign_keys on the connection.
Status ConfigureConnection(Db* db);

// Applies migrations[v..] where v is the component's recorded version, each in its own
// transaction together with the version bump. Migration i takes the schema from version i to
// i + 1: append new ones, never edit old ones. Refuses a file whose recorded version for the
// component is newer than this build knows.
Status Migrate(Db* db, std::string_view component, std::span<const std::string> migrations);

}  // namespace jianmei::store
