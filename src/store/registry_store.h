// The registry's tables in the shared SQLite file (component "registry" in store/migrations.h):
// import with update by licence number, and loading every record back. Records are stored as
// their export fields (registry/record_writer.h), so what is loaded is checked like an import.
// Stateless functions; the caller owns the Db and must not share it across threads.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "core/status.h"
#include "registry/model.h"
#include "store/sqlite.h"

namespace jianmei::store {

// Configures the connection, then applies every registry migration the file lacks.
Status MigrateRegistrySchema(Db* db);

// Whether the file holds the registry's tables (without creating them).
Result<bool> HasRegistryTables(Db* db);

struct RegistryImportCounts {
  size_t institutions_added = 0, institutions_updated = 0, doctors_added = 0, doctors_updated = 0;
};

// Inserts the records, replacing any with the same licence number, in one transaction: all are
// saved or none is. A doctor's institution must be in the store or among `institutions`.
Result<RegistryImportCounts> SaveRegistry(Db* db, const std::vector<registry::Institution>& institutions,
                                          const std::vector<registry::Doctor>& doctors);

struct RegistryRecords {
  std::vector<registry::Institution> institutions;  // in the order first imported
  std::vector<registry::Doctor> doctors;
};
// Every record; Corruption naming the row when a stored record does not check.
Result<RegistryRecords> LoadRegistry(Db* db);

// The licence numbers of the stored institutions.
Result<std::unordered_set<std::string>> InstitutionLicences(Db* db);

}  // namespace jianmei::store
