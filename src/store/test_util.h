// Test helpers for the store: the temporary directory of core/temp_dir.h and sample entries.
// Test-only; not thread-safe.
#pragma once

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/temp_dir.h"
#include "evidence/entry.h"

namespace jianmei::store {

using ::jianmei::TempDir;

inline evidence::Entry SampleEntry(int i) {
  evidence::Entry e;
  e.recorded_at = "2025-03-01T10:00:00+08:00";
  e.url = "https://example.com/p/" + std::to_string(i);
  e.author = "账号" + std::to_string(i);
  e.platform = "weibo";
  e.text = "小腿神经阻断术 第" + std::to_string(i) + "条 零风险";
  return e;
}

inline std::string Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

// Runs `sql` on the database file at `db_path` behind the log's back, as someone editing the
// file would. With `restore_triggers`, every trigger the SQL dropped is then created again with
// its original text (what a careful forger does, since the audit checks the triggers), so that
// the edit is left to the audit's other checks. Returns the SQLite error, empty on success.
inline std::string TamperDatabase(const std::string& db_path, const std::string& sql,
                                  bool restore_triggers = true) {
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) return "cannot open " + db_path;
  std::vector<std::pair<std::string, std::string>> triggers;
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'", -1, &q, nullptr);
  while (q != nullptr && sqlite3_step(q) == SQLITE_ROW) {
    triggers.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)),
                          reinterpret_cast<const char*>(sqlite3_column_text(q, 1)));
  }
  sqlite3_finalize(q);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = rc == SQLITE_OK ? "" : (err ? err : "error");
  sqlite3_free(err);
  for (size_t i = 0; rc == SQLITE_OK && restore_triggers && i < triggers.size(); ++i) {
    std::string exists = "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = '" +
                         triggers[i].first + "'";
    bool present = false;
    sqlite3_prepare_v2(db, exists.c_str(), -1, &q, nullptr);
    present = q != nullptr && sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    if (!present && sqlite3_exec(db, triggers[i].second.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      msg = "cannot restore trigger " + triggers[i].first + ": " + sqlite3_errmsg(db);
    }
  }
  sqlite3_close(db);
  return msg;
}

}  // namespace jianmei::store
