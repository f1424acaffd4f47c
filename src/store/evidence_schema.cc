#include "store/evidence_schema.h"

#include <string>
#include <vector>

#include "store/migrations.h"

namespace jianmei::store {
namespace {

// Each migration takes the schema from version i to i + 1. Append; never edit.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries(
  idx INTEGER PRIMARY KEY CHECK(idx >= 0),
  data BLOB NOT NULL,
  added_at INTEGER NOT NULL);
CREATE TABLE nodes(
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL CHECK(length(hash) = 32),
  PRIMARY KEY(level, idx)) WITHOUT ROWID;
CREATE TABLE blobs(
  sha256 BLOB PRIMARY KEY CHECK(length(sha256) = 32),
  data BLOB NOT NULL);
CREATE TABLE entry_blobs(
  entry_idx INTEGER NOT NULL REFERENCES entries(idx),
  sha256 BLOB NOT NULL REFERENCES blobs(sha256),
  PRIMARY KEY(entry_idx, sha256)) WITHOUT ROWID;
CREATE TABLE checkpoints(
  size INTEGER PRIMARY KEY,
  note TEXT NOT NULL,
  timestamp_token BLOB,
  created_at INTEGER NOT NULL);
CREATE TABLE complaints(
  entry_idx INTEGER PRIMARY KEY REFERENCES entries(idx),
  institution TEXT NOT NULL);
CREATE INDEX complaints_by_institution ON complaints(institution);
)sql",
    // Complaint → registry institution (evidence_complaint_links.h): derived from the registry,
    // so not append-only; the complaint's own text stays in the append-only entries.
    R"sql(
CREATE TABLE complaint_links(
  entry_idx INTEGER PRIMARY KEY REFERENCES complaints(entry_idx),
  licence TEXT NOT NULL CHECK(length(licence) > 0),
  linked_at INTEGER NOT NULL);
CREATE INDEX complaint_links_by_licence ON complaint_links(licence);
)sql",
};

constexpr const char* kAppendOnlyTables[] = {"entries", "nodes", "blobs", "entry_blobs",
                                             "checkpoints", "complaints"};

std::string AppendOnlyTriggers() {
  std::string sql;
  for (const char* t : kAppendOnlyTables) {
    for (const char* op : {"UPDATE", "DELETE"}) {
      sql += std::string("CREATE TRIGGER ") + t + "_no_" + op + " BEFORE " + op + " ON " + t +
             " BEGIN SELECT RAISE(ABORT, 'evidence is append-only: " + op + " on " + t +
             " refused'); END;\n";
    }
  }
  return sql;
}

}  // namespace

Status MigrateEvidenceSchema(Db* db) {
  if (Status s = ConfigureConnection(db); !s.ok()) return s;
  std::vector<std::string> migrations(std::begin(kMigrations), std::end(kMigrations));
  migrations[0] += AppendOnlyTriggers();
  return Migrate(db, "evidence", migrations);
}

}  // namespace jianmei::store
