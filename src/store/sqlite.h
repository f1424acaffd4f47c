// A thin RAII adapter over the SQLite C API that turns every error into a Status naming the
// statement. Db owns one connection; Stmt borrows it and must not outlive it. Neither is
// thread-safe: use one Db per thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace jianmei::store {

// How long a connection waits for another's lock before giving up with "database is locked".
inline constexpr int kBusyTimeoutMs = 5000;

class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* stmt, std::string sql) : db_(db), stmt_(stmt), sql_(std::move(sql)) {}
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : db_(o.db_), stmt_(o.stmt_), sql_(std::move(o.sql_)) { o.stmt_ = nullptr; }

  Stmt& Bind(int i, int64_t v) { Check(sqlite3_bind_int64(stmt_, i, v)); return *this; }
  Stmt& Bind(int i, std::string_view blob) {
    Check(sqlite3_bind_blob64(stmt_, i, blob.data(), blob.size(), SQLITE_TRANSIENT));
    return *this;
  }
  Stmt& BindText(int i, std::string_view text) {
    Check(sqlite3_bind_text64(stmt_, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
  }
  Stmt& BindNull(int i) { Check(sqlite3_bind_null(stmt_, i)); return *this; }
  // Ok(true) when a row is ready, Ok(false) when done.
  Result<bool> Step();
  // Runs to completion, ignoring rows.
  Status Run();
  Status Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string_view Blob(int col) const {
    const void* p = sqlite3_column_blob(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string_view(static_cast<const char*>(p), n) : std::string_view();
  }

 private:
  void Check(int rc) { if (rc != SQLITE_OK && bind_error_.empty()) bind_error_ = sqlite3_errmsg(db_); }
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string sql_;
  std::string bind_error_;
};

class Db {
 public:
  static Result<std::unique_ptr<Db>> Open(const std::string& path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Status Exec(std::string_view sql);
  Result<Stmt> Prepare(std::string_view sql);
  sqlite3* raw() { return db_; }
  const std::string& path() const { return path_; }

 private:
  Db() = default;
  sqlite3* db_ = nullptr;
  std::string path_;
};

// Whether the file holds a table of that name (without creating anything).
Result<bool> HasTable(Db* db, std::string_view name);

// BEGIN IMMEDIATE on construction; rolls back in the destructor unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Db* db);
  ~Transaction();
  const Status& status() const { return status_; }
  Status Commit();

 private:
  Db* db_;
  Status status_;
  bool done_ = false;
};

// BEGIN (deferred) on construction, ROLLBACK in the destructor: in WAL mode every statement in
// between reads one snapshot (taken at the first read) while other connections go on writing.
// For reads only.
class ReadTransaction {
 public:
  explicit ReadTransaction(Db* db);
  ~ReadTransaction();
  const Status& status() const { return status_; }

 private:
  Db* db_;
  Status status_;
};

}  // namespace jianmei::store
