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

struct TriggerSql {
  std::string name, sql;  // sql as SQLite keeps it in sqlite_master (no final ';')
};

std::vector<TriggerSql> AppendOnlyTriggers() {
  std::vector<TriggerSql> out;
  for (const char* t : kAppendOnlyTables) {
    for (const char* op : {"UPDATE", "DELETE"}) {
      std::string name = std::string(t) + "_no_" + op;
      out.push_back({name, "CREATE TRIGGER " + name + " BEFORE " + op + " ON " + t +
                               " BEGIN SELECT RAISE(ABORT, 'evidence is append-only: " + op +
                               " on " + t + " refused'); END"});
    }
  }
  return out;
}

}  // namespace

Status CheckAppendOnlyTriggers(Db* db) {
  auto q = db->Prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
  if (!q.ok()) return q.status();
  for (const TriggerSql& t : AppendOnlyTriggers()) {
    q->Reset();
    q->BindText(1, t.name);
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      return Status::Corruption("evidence log: append-only trigger " + t.name +
                                " is missing (dropped): the tables could be edited unnoticed");
    }
    if (q->IsNull(0) || std::string(q->Blob(0)) != t.sql) {
      return Status::Corruption("evidence log: append-only trigger " + t.name +
                                " was replaced: it no longer refuses the edit it guards against");
    }
  }
  return Status::Ok();
}

Status MigrateEvidenceSchema(Db* db) {
  if (Status s = ConfigureConnection(db); !s.ok()) return s;
  std::vector<std::string> migrations(std::begin(kMigrations), std::end(kMigrations));
  for (const TriggerSql& t : AppendOnlyTriggers()) migrations[0] += t.sql + ";\n";
  return Migrate(db, "evidence", migrations);
}

}  // namespace jianmei::store
