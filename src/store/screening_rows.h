// Row helpers shared by the ScreeningStore's read queries (stats, history).
#pragma once

#include <string>

#include "core/status.h"
#include "store/sqlite.h"

namespace jianmei::store {

inline std::string ColumnText(const Stmt& q, int col) { return std::string(q.Blob(col)); }

// Runs q and calls row(q) for every row.
template <typename F>
Status ForEachRow(Stmt& q, F row) {
  for (;;) {
    auto more = q.Step();
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
    row(q);
  }
}

}  // namespace jianmei::store
