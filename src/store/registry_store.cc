#include "store/registry_store.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <random>

#include "registry/name_keys.h"
#include "registry/record_reader.h"
#include "registry/record_writer.h"
#include "store/migrations.h"

namespace jianmei::store {
namespace {

// Each migration takes the schema from version i to i + 1. Append; never edit. Columns are the
// export columns of doc/registry.md, as text; lists are ';'-joined, levels 一级/二级/三级.
const std::string kMigrations[] = {
    R"sql(
CREATE TABLE registry_institutions(
  licence TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL, type TEXT NOT NULL, level TEXT NOT NULL, city TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('valid', 'suspended', 'revoked')),
  valid_from TEXT NOT NULL, valid_until TEXT NOT NULL,
  departments TEXT NOT NULL, projects TEXT NOT NULL, aliases TEXT NOT NULL);
CREATE TABLE registry_doctors(
  licence TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  institution_licence TEXT NOT NULL REFERENCES registry_institutions(licence),
  specialties TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('valid', 'suspended', 'revoked')));
CREATE INDEX registry_doctors_by_institution ON registry_doctors(institution_licence);
)sql",
    // Look-up keys (registry/name_keys.h), so that a look-up is one indexed query and nothing
    // loads the whole registry; filled by SaveRegistry and UpdateRegistryKeys.
    R"sql(
ALTER TABLE registry_institutions ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE TABLE registry_names(
  kind INTEGER NOT NULL CHECK(kind IN (0, 1)),
  key TEXT NOT NULL,
  licence TEXT NOT NULL REFERENCES registry_institutions(licence));
CREATE INDEX registry_names_by_key ON registry_names(kind, key);
CREATE INDEX registry_names_by_licence ON registry_names(licence);
CREATE TABLE registry_meta(name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
)sql",
};

// registry_names.kind
constexpr int kNameKind = 0;  // a folded name or alias
constexpr int kCoreKind = 1;  // a name core's match key

std::string Placeholders(size_t n) {
  std::string s;
  for (size_t i = 1; i <= n; ++i) s += (i > 1 ? ", ?" : "?") + std::to_string(i);
  return s;
}

// INSERT … ON CONFLICT(licence) DO UPDATE of every column after the first (the licence).
std::string UpsertSql(const std::string& table, const std::vector<std::string>& db_columns) {
  std::string cols, updates;
  for (size_t i = 0; i < db_columns.size(); ++i) {
    cols += (i ? ", " : "") + db_columns[i];
    if (i) updates += (i > 1 ? ", " : "") + db_columns[i] + " = excluded." + db_columns[i];
  }
  return "INSERT INTO " + table + "(" + cols + ") VALUES (" + Placeholders(db_columns.size()) +
         ") ON CONFLICT(licence) DO UPDATE SET " + updates;
}

const std::vector<std::string> kInstitutionDbColumns = {
    "licence", "name", "type", "level", "city", "status", "valid_from", "valid_until",
    "departments", "projects", "aliases"};
const std::vector<std::string> kDoctorDbColumns = {"licence", "name", "institution_licence",
                                                   "specialties", "status"};

std::string Join(const std::vector<std::string>& db_columns) {
  std::string cols;
  for (size_t i = 0; i < db_columns.size(); ++i) cols += (i ? ", " : "") + db_columns[i];
  return cols;
}

std::string SelectSql(const std::string& table, const std::vector<std::string>& db_columns) {
  return "SELECT " + Join(db_columns) + " FROM " + table + " ORDER BY rowid";
}

// Upserts each record's fields; counts how many licences were new.
template <typename T, typename Fields, typename After>
Status Upsert(Db* db, const std::string& table, const std::vector<std::string>& db_columns,
              const std::vector<T>& records, Fields fields, size_t* added, size_t* updated, After after) {
  auto exists = db->Prepare("SELECT 1 FROM " + table + " WHERE licence = ?1");
  auto upsert = db->Prepare(UpsertSql(table, db_columns));
  if (!exists.ok()) return exists.status();
  if (!upsert.ok()) return upsert.status();
  for (const T& r : records) {
    exists->Reset();
    exists->BindText(1, r.licence);
    auto found = exists->Step();
    if (!found.ok()) return found.status();
    const bool existed = *found;
    ++*(existed ? updated : added);
    exists->Reset();
    upsert->Reset();
    const std::vector<std::string> values = fields(r);
    for (size_t i = 0; i < values.size(); ++i) upsert->BindText(static_cast<int>(i + 1), values[i]);
    if (Status s = upsert->Run(); !s.ok()) {
      // A constraint (a doctor's institution not in the registry) is the input's fault.
      if (s.code() != Status::Code::kInvalidArgument) return s;
      return Status::InvalidArgument("saving licence " + r.licence + " into " + table + ": " + s.message());
    }
    if (Status s = after(r, existed); !s.ok()) return s;
  }
  return Status::Ok();
}

template <typename T, typename FromFields>
Status ForEach(Db* db, const std::string& table, const std::vector<std::string>& db_columns,
               FromFields from_fields, const std::function<bool(T&&)>& fn) {
  auto q = db->Prepare(SelectSql(table, db_columns));
  if (!q.ok()) return q.status();
  std::vector<std::string> fields(db_columns.size());
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    for (size_t i = 0; i < db_columns.size(); ++i) fields[i] = q->Blob(static_cast<int>(i));
    Result<T> r = from_fields(fields);
    if (!r.ok()) {
      return Status::Corruption(table + " row with licence " + fields[0] + " on " + db->path() +
                                ": " + r.status().message());
    }
    if (!fn(std::move(*r))) return Status::Ok();
  }
}

}  // namespace

Status MigrateRegistrySchema(Db* db) {
  if (Status s = ConfigureConnection(db); !s.ok()) return s;
  return Migrate(db, "registry", kMigrations);
}

Result<bool> HasRegistryTables(Db* db) { return HasTable(db, "registry_institutions"); }

namespace {

std::string NewContentVersion() {
  std::random_device rd;
  const unsigned long long v = (uint64_t(rd()) << 32) ^ rd() ^
                               uint64_t(std::chrono::steady_clock::now().time_since_epoch().count());
  char hex[24];
  std::snprintf(hex, sizeof hex, "%016llx", v);
  return hex;
}

Status SetMeta(Db* db, std::string_view name, std::string_view value) {
  auto q = db->Prepare(
      "INSERT INTO registry_meta(name, value) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET value = excluded.value");
  if (!q.ok()) return q.status();
  q->BindText(1, name).BindText(2, value);
  return q->Run();
}

Result<std::string> GetMeta(Db* db, std::string_view name) {
  auto q = db->Prepare("SELECT value FROM registry_meta WHERE name = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, name);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? std::string(q->Blob(0)) : std::string();
}

// Writes the keys of one institution (its old ones already deleted, if any).
class KeyWriter {
 public:
  static Result<KeyWriter> Prepare(Db* db) {
    auto names = db->Prepare("INSERT INTO registry_names(kind, key, licence) VALUES (?1, ?2, ?3)");
    if (!names.ok()) return names.status();
    auto drop = db->Prepare("DELETE FROM registry_names WHERE licence = ?1");
    if (!drop.ok()) return drop.status();
    auto search = db->Prepare("UPDATE registry_institutions SET search_key = ?2 WHERE licence = ?1");
    if (!search.ok()) return search.status();
    return KeyWriter(std::move(*names), std::move(*drop), std::move(*search));
  }
  // The names and cores of `keys` (the search text too when `search`: the import writes it
  // with the row itself).
  Status Write(const registry::NameKeys& keys, const std::string& licence, bool replace, bool search) {
    if (replace) {
      drop_.Reset();
      drop_.BindText(1, licence);
      if (Status s = drop_.Run(); !s.ok()) return s;
    }
    for (int kind : {kNameKind, kCoreKind}) {
      for (const std::string& k : kind == kNameKind ? keys.names : keys.cores) {
        names_.Reset();
        names_.Bind(1, static_cast<int64_t>(kind)).BindText(2, k).BindText(3, licence);
        if (Status s = names_.Run(); !s.ok()) return s;
      }
    }
    if (!search) return Status::Ok();
    search_.Reset();
    search_.BindText(1, licence).BindText(2, keys.search);
    return search_.Run();
  }

 private:
  KeyWriter(Stmt names, Stmt drop, Stmt search)
      : names_(std::move(names)), drop_(std::move(drop)), search_(std::move(search)) {}
  Stmt names_, drop_, search_;
};

}  // namespace

Result<RegistryImportCounts> SaveRegistry(Db* db, const text::Normalizer& normalizer,
                                          const std::vector<registry::Institution>& institutions,
                                          const std::vector<registry::Doctor>& doctors) {
  RegistryImportCounts counts;
  Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  // Keys of an older version are brought up to date first, so that all are of one version.
  if (Status s = UpdateRegistryKeys(db, normalizer); !s.ok()) return s;
  auto keys = KeyWriter::Prepare(db);
  if (!keys.ok()) return keys.status();
  // The search text is written with the row; the names and cores after it.
  std::vector<std::string> columns = kInstitutionDbColumns;
  columns.push_back("search_key");
  registry::NameKeys inst_keys;
  if (Status s = Upsert(db, "registry_institutions", columns, institutions,
                        [&](const registry::Institution& inst) {
                          inst_keys = registry::KeysOf(normalizer, inst);
                          std::vector<std::string> fields = registry::InstitutionFields(inst);
                          fields.push_back(inst_keys.search);
                          return fields;
                        },
                        &counts.institutions_added, &counts.institutions_updated,
                        [&](const registry::Institution& inst, bool existed) {
                          return keys->Write(inst_keys, inst.licence, existed, /*search=*/false);
                        });
      !s.ok()) {
    return s;
  }
  if (Status s = Upsert(db, "registry_doctors", kDoctorDbColumns, doctors, registry::DoctorFields,
                        &counts.doctors_added, &counts.doctors_updated,
                        [](const registry::Doctor&, bool) { return Status::Ok(); });
      !s.ok()) {
    return s;
  }
  if (Status s = SetMeta(db, "content_version", NewContentVersion()); !s.ok()) return s;
  if (Status s = tx.Commit(); !s.ok()) return s;
  return counts;
}

Status UpdateRegistryKeys(Db* db, const text::Normalizer& normalizer) {
  auto stored = GetMeta(db, "keys_version");
  if (!stored.ok()) return stored.status();
  const std::string current = std::to_string(registry::kNameKeysVersion);
  if (*stored == current) return Status::Ok();
  // Inside the caller's transaction when there is one (SaveRegistry), else in one of its own.
  const bool own = sqlite3_get_autocommit(db->raw()) != 0;
  std::optional<Transaction> tx;
  if (own) {
    tx.emplace(db);
    if (!tx->status().ok()) return tx->status();
  }
  if (Status s = db->Exec("DELETE FROM registry_names"); !s.ok()) return s;
  auto keys = KeyWriter::Prepare(db);
  if (!keys.ok()) return keys.status();
  // In batches by rowid, each read to its end before its keys are written: a statement still
  // reading a table should not see that table change under it.
  auto batch = db->Prepare("SELECT rowid, " + Join(kInstitutionDbColumns) +
                           " FROM registry_institutions WHERE rowid > ?1 ORDER BY rowid LIMIT 1000");
  if (!batch.ok()) return batch.status();
  std::vector<registry::Institution> read;
  std::vector<std::string> fields(kInstitutionDbColumns.size());
  size_t rows = 0;
  for (int64_t last = 0;;) {
    read.clear();
    batch->Reset();
    batch->Bind(1, last);
    for (;;) {
      auto row = batch->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      last = batch->Int(0);
      for (size_t i = 0; i < fields.size(); ++i) fields[i] = batch->Blob(static_cast<int>(i + 1));
      // A row that does not check gets no keys: it is reported when it is read, and stops
      // nothing else.
      auto inst = registry::InstitutionFromFields(fields);
      if (inst.ok()) read.push_back(std::move(*inst));
      ++rows;
    }
    if (rows == 0) break;
    rows = 0;
    for (const registry::Institution& inst : read) {
      if (Status s = keys->Write(registry::KeysOf(normalizer, inst), inst.licence, false, /*search=*/true); !s.ok()) {
        return s;
      }
    }
  }
  if (Status s = SetMeta(db, "keys_version", current); !s.ok()) return s;
  if (Status s = SetMeta(db, "content_version", NewContentVersion()); !s.ok()) return s;
  return own ? tx->Commit() : Status::Ok();
}

Result<std::string> RegistryContentVersion(Db* db) { return GetMeta(db, "content_version"); }

Result<bool> HasInstitution(Db* db, std::string_view licence) {
  auto q = db->Prepare("SELECT 1 FROM registry_institutions WHERE licence = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, licence);
  return q->Step();
}

Status ForEachInstitution(Db* db, const std::function<bool(registry::Institution&&)>& fn) {
  return ForEach(db, "registry_institutions", kInstitutionDbColumns, registry::InstitutionFromFields, fn);
}

Status ForEachDoctor(Db* db, const std::function<bool(registry::Doctor&&)>& fn) {
  return ForEach(db, "registry_doctors", kDoctorDbColumns, registry::DoctorFromFields, fn);
}

Result<RegistryRecords> LoadRegistry(Db* db) {
  RegistryRecords out;
  if (Status s = ForEachInstitution(db, [&](registry::Institution&& i) {
        out.institutions.push_back(std::move(i));
        return true;
      });
      !s.ok()) {
    return s;
  }
  if (Status s = ForEachDoctor(db, [&](registry::Doctor&& d) {
        out.doctors.push_back(std::move(d));
        return true;
      });
      !s.ok()) {
    return s;
  }
  return out;
}

Result<std::unordered_set<std::string>> InstitutionLicences(Db* db) {
  auto q = db->Prepare("SELECT licence FROM registry_institutions");
  if (!q.ok()) return q.status();
  std::unordered_set<std::string> out;
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.emplace(q->Blob(0));
  }
}

}  // namespace jianmei::store
