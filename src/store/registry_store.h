// The registry's tables in the shared SQLite file (component "registry" in store/migrations.h):
// import with update by licence number, the look-up keys stored beside each institution
// (registry/name_keys.h: folded names and aliases, name cores, search text, in registry_names and
// registry_institutions.search_key), the content version that changes with every import
// (registry_meta), and reading records back one by one. Records are stored as their export fields
// (registry/record_writer.h), so what is read is checked like an import.
// Stateless functions; the caller owns the Db and must not share it across threads. Queries by
// key are store::SqliteRecordSource's (registry_source.h).
#pragma once

#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/status.h"
#include "registry/model.h"
#include "store/sqlite.h"
#include "text/normalizer.h"

namespace jianmei::store {

// Configures the connection, then applies every registry migration the file lacks.
Status MigrateRegistrySchema(Db* db);

// Whether the file holds the registry's tables (without creating them).
Result<bool> HasRegistryTables(Db* db);

struct RegistryImportCounts {
  size_t institutions_added = 0, institutions_updated = 0, doctors_added = 0, doctors_updated = 0;
};

// Inserts the records, replacing any with the same licence number, with each institution's keys
// (folded with `normalizer`) and a new content version, in one transaction: all are saved or
// none is. A doctor's institution must be in the store or among `institutions`.
Result<RegistryImportCounts> SaveRegistry(Db* db, const text::Normalizer& normalizer,
                                          const std::vector<registry::Institution>& institutions,
                                          const std::vector<registry::Doctor>& doctors);

// Recomputes every institution's keys, in one transaction and row by row, when they were stored
// by another registry::kNameKeysVersion (or before keys were stored); a no-op otherwise.
Status UpdateRegistryKeys(Db* db, const text::Normalizer& normalizer);

// The content version (registry_meta): a new random value with every save; empty before any.
Result<std::string> RegistryContentVersion(Db* db);

// Each stored record in the order first imported, one at a time (constant memory); a record that
// does not check is Corruption naming its row. `fn` returning false stops.
Status ForEachInstitution(Db* db, const std::function<bool(registry::Institution&&)>& fn);
Status ForEachDoctor(Db* db, const std::function<bool(registry::Doctor&&)>& fn);

// Whether an institution with that licence is stored.
Result<bool> HasInstitution(Db* db, std::string_view licence);

struct RegistryRecords {
  std::vector<registry::Institution> institutions;  // in the order first imported
  std::vector<registry::Doctor> doctors;
};
// Every record, in memory (small registries and tests; see ForEachInstitution); Corruption naming
// the row when a stored record does not check.
Result<RegistryRecords> LoadRegistry(Db* db);

// The licence numbers of the stored institutions.
Result<std::unordered_set<std::string>> InstitutionLicences(Db* db);

}  // namespace jianmei::store
