#include "store/evidence_schema.h"

#include <string>

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
  if (Status s = db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                          "PRAGMA foreign_keys=ON;");
      !s.ok()) {
    return s;
  }
  auto q = db->Prepare("PRAGMA user_version");
  if (!q.ok()) return q.status();
  auto row = q->Step();
  if (!row.ok()) return row.status();
  int version = static_cast<int>(q->Int(0));
  constexpr int kLatest = static_cast<int>(std::size(kMigrations));
  if (version > kLatest) {
    return Status::InvalidArgument(db->path() + " has schema version " + std::to_string(version) +
                                   ", newer than this build's " + std::to_string(kLatest));
  }
  for (int v = version; v < kLatest; ++v) {
    Transaction tx(db);
    if (!tx.status().ok()) return tx.status();
    std::string sql = kMigrations[v];
    if (v == 0) sql += AppendOnlyTriggers();
    sql += "PRAGMA user_version = " + std::to_string(v + 1) + ";";
    if (Status s = db->Exec(sql); !s.ok()) return s;
    if (Status s = tx.Commit(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace jianmei::store
