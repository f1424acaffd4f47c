#include "store/registry_store.h"

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
};

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

std::string SelectSql(const std::string& table, const std::vector<std::string>& db_columns) {
  std::string cols;
  for (size_t i = 0; i < db_columns.size(); ++i) cols += (i ? ", " : "") + db_columns[i];
  return "SELECT " + cols + " FROM " + table + " ORDER BY rowid";
}

// Upserts each record's fields; counts how many licences were new.
template <typename T, typename Fields>
Status Upsert(Db* db, const std::string& table, const std::vector<std::string>& db_columns,
              const std::vector<T>& records, Fields fields, size_t* added, size_t* updated) {
  auto exists = db->Prepare("SELECT 1 FROM " + table + " WHERE licence = ?1");
  auto upsert = db->Prepare(UpsertSql(table, db_columns));
  if (!exists.ok()) return exists.status();
  if (!upsert.ok()) return upsert.status();
  for (const T& r : records) {
    exists->Reset();
    exists->BindText(1, r.licence);
    auto found = exists->Step();
    if (!found.ok()) return found.status();
    ++*(*found ? updated : added);
    exists->Reset();
    upsert->Reset();
    const std::vector<std::string> values = fields(r);
    for (size_t i = 0; i < values.size(); ++i) upsert->BindText(static_cast<int>(i + 1), values[i]);
    if (Status s = upsert->Run(); !s.ok()) {
      // A constraint (a doctor's institution not in the registry) is the input's fault.
      if (s.code() != Status::Code::kInvalidArgument) return s;
      return Status::InvalidArgument("saving licence " + r.licence + " into " + table + ": " + s.message());
    }
  }
  return Status::Ok();
}

template <typename T, typename FromFields>
Status LoadAll(Db* db, const std::string& table, const std::vector<std::string>& db_columns,
               FromFields from_fields, std::vector<T>* out) {
  auto q = db->Prepare(SelectSql(table, db_columns));
  if (!q.ok()) return q.status();
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    std::vector<std::string> fields;
    for (size_t i = 0; i < db_columns.size(); ++i) fields.emplace_back(q->Blob(static_cast<int>(i)));
    Result<T> r = from_fields(fields);
    if (!r.ok()) {
      return Status::Corruption(table + " row with licence " + fields[0] + " on " + db->path() +
                                ": " + r.status().message());
    }
    out->push_back(std::move(*r));
  }
}

}  // namespace

Status MigrateRegistrySchema(Db* db) {
  if (Status s = ConfigureConnection(db); !s.ok()) return s;
  return Migrate(db, "registry", kMigrations);
}

Result<bool> HasRegistryTables(Db* db) { return HasTable(db, "registry_institutions"); }

Result<RegistryImportCounts> SaveRegistry(Db* db, const std::vector<registry::Institution>& institutions,
                                          const std::vector<registry::Doctor>& doctors) {
  RegistryImportCounts counts;
  Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  if (Status s = Upsert(db, "registry_institutions", kInstitutionDbColumns, institutions,
                        registry::InstitutionFields, &counts.institutions_added,
                        &counts.institutions_updated);
      !s.ok()) {
    return s;
  }
  if (Status s = Upsert(db, "registry_doctors", kDoctorDbColumns, doctors, registry::DoctorFields,
                        &counts.doctors_added, &counts.doctors_updated);
      !s.ok()) {
    return s;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return counts;
}

Result<RegistryRecords> LoadRegistry(Db* db) {
  RegistryRecords out;
  if (Status s = LoadAll(db, "registry_institutions", kInstitutionDbColumns,
                         registry::InstitutionFromFields, &out.institutions);
      !s.ok()) {
    return s;
  }
  if (Status s = LoadAll(db, "registry_doctors", kDoctorDbColumns, registry::DoctorFromFields, &out.doctors);
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
