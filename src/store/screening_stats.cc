// ScreeningStore::Stats: the dashboard's aggregate queries.
#include "store/screening_rows.h"
#include "store/screening_store.h"

namespace jianmei::store {

Result<ScreeningStats> ScreeningStore::Stats(int top) const {
  std::lock_guard lock(mu_);
  ScreeningStats stats;
  {
    auto q = db_->Prepare("SELECT (SELECT count(*) FROM screenings), "
                          "(SELECT count(*) FROM screening_findings)");
    if (!q.ok()) return q.status();
    auto row = q->Step();
    if (!row.ok()) return row.status();
    stats.posts = q->Int(0);
    stats.findings = q->Int(1);
  }
  {
    auto q = db_->Prepare("SELECT category, count(*) AS n FROM screening_findings "
                          "GROUP BY category ORDER BY n DESC, category");
    if (!q.ok()) return q.status();
    Status st = ForEachRow(*q, [&](const Stmt& r) { stats.by_category.push_back({ColumnText(r, 0), r.Int(1)}); });
    if (!st.ok()) return st;
  }
  {
    auto q = db_->Prepare("SELECT s.day, f.category, count(*) FROM screening_findings f "
                          "JOIN screenings s ON s.id = f.screening_id "
                          "GROUP BY s.day, f.category ORDER BY s.day, f.category");
    if (!q.ok()) return q.status();
    Status st = ForEachRow(*q, [&](const Stmt& r) { stats.by_day.push_back({ColumnText(r, 0), ColumnText(r, 1), r.Int(2)}); });
    if (!st.ok()) return st;
  }
  {
    auto q = db_->Prepare(
        "SELECT s.institution, count(f.rowid), "
        "  sum(f.severity IN ('critical','high')), count(DISTINCT s.id) "
        "FROM screenings s LEFT JOIN screening_findings f ON f.screening_id = s.id "
        "WHERE s.institution <> '' GROUP BY s.institution "
        "ORDER BY 3 DESC, 2 DESC, s.institution LIMIT ?1");
    if (!q.ok()) return q.status();
    q->Bind(1, top);
    Status st = ForEachRow(*q, [&](const Stmt& r) { stats.by_institution.push_back({ColumnText(r, 0), r.Int(1), r.Int(2), r.Int(3)}); });
    if (!st.ok()) return st;
  }
  return stats;
}

}  // namespace jianmei::store
