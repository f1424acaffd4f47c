#include "store/sqlite.h"

namespace jianmei::store {

Result<bool> Stmt::Step() {
  if (!bind_error_.empty()) return Status::Internal("binding for \"" + sql_ + "\": " + bind_error_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  Status::Code code = (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB
                          ? Status::Code::kCorruption
                          : (rc & 0xff) == SQLITE_CONSTRAINT ? Status::Code::kInvalidArgument
                                                             : Status::Code::kIoError;
  std::string full = "sqlite: " + msg + " (in \"" + sql_.substr(0, 80) + "\")";
  switch (code) {
    case Status::Code::kCorruption: return Status::Corruption(full);
    case Status::Code::kInvalidArgument: return Status::InvalidArgument(full);
    default: return Status::IoError(full);
  }
}

Status Stmt::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

Status Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_.clear();
  return Status::Ok();
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path) {
  std::unique_ptr<Db> db(new Db);
  db->path_ = path;
  int rc = sqlite3_open_v2(path.c_str(), &db->db_,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db->db_ ? sqlite3_errmsg(db->db_) : "out of memory";
    return Status::IoError("sqlite: cannot open " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db->db_, 1);
  sqlite3_busy_timeout(db->db_, kBusyTimeoutMs);
  return db;
}

Db::~Db() { sqlite3_close_v2(db_); }

Status Db::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string msg = err ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  std::string full = "sqlite: " + msg + " (in \"" + s.substr(0, 80) + "\" on " + path_ + ")";
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) return Status::Corruption(full);
  return Status::IoError(full);
}

Result<Stmt> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    std::string full = "sqlite: " + std::string(sqlite3_errmsg(db_)) + " (preparing \"" +
                       std::string(sql.substr(0, 80)) + "\" on " + path_ + ")";
    if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) return Status::Corruption(full);
    return Status::IoError(full);
  }
  return Stmt(db_, stmt, std::string(sql));
}

Result<bool> HasTable(Db* db, std::string_view name) {
  auto q = db->Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
  if (!q.ok()) return q.status();
  q->BindText(1, name);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  return *row && q->Int(0) > 0;
}

Transaction::Transaction(Db* db) : db_(db) { status_ = db_->Exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (status_.ok() && !done_) db_->Exec("ROLLBACK");
}

Status Transaction::Commit() {
  if (!status_.ok()) return status_;
  Status s = db_->Exec("COMMIT");
  if (s.ok()) done_ = true;
  return s;
}

ReadTransaction::ReadTransaction(Db* db) : db_(db) { status_ = db_->Exec("BEGIN"); }

ReadTransaction::~ReadTransaction() {
  if (status_.ok()) db_->Exec("ROLLBACK");
}

}  // namespace jianmei::store
