// ScreeningStore::History: the stored screenings that named one institution.
#include "store/screening_rows.h"
#include "store/screening_store.h"

namespace jianmei::store {
namespace {

// "?1, ?2, …, ?n" for an IN list.
std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 1; i <= n; ++i) out += (i > 1 ? ", ?" : "?") + std::to_string(i);
  return out;
}

void BindNames(Stmt& q, const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size(); ++i) q.BindText(static_cast<int>(i + 1), names[i]);
}

}  // namespace

Result<InstitutionHistory> ScreeningStore::History(const std::vector<std::string>& names,
                                                   int limit) const {
  InstitutionHistory history;
  if (names.empty()) return history;
  // SQLite's default limit on host parameters is 32,766; a registry entry has a few names.
  if (names.size() > 1000) return Status::InvalidArgument("more than 1,000 institution names");
  std::lock_guard lock(mu_);
  const std::string in = "(" + Placeholders(names.size()) + ")";
  {
    auto q = db_->Prepare(
        "SELECT count(DISTINCT s.id), count(f.rowid), "
        "  coalesce(sum(f.severity IN ('critical','high')), 0) "
        "FROM screenings s LEFT JOIN screening_findings f ON f.screening_id = s.id "
        "WHERE s.institution IN " + in);
    if (!q.ok()) return q.status();
    BindNames(*q, names);
    auto row = q->Step();
    if (!row.ok()) return row.status();
    history.posts = q->Int(0);
    history.findings = q->Int(1);
    history.serious = q->Int(2);
  }
  auto posts = db_->Prepare(
      "SELECT id, post_id, author, platform, url, posted_at, institution, text, screened_at, "
      "  verdict, risk, promotional FROM screenings WHERE institution IN " + in +
      " ORDER BY day DESC, id DESC LIMIT ?" + std::to_string(names.size() + 1));
  if (!posts.ok()) return posts.status();
  BindNames(*posts, names);
  posts->Bind(static_cast<int>(names.size() + 1), static_cast<int64_t>(limit));
  Status st = ForEachRow(*posts, [&](const Stmt& r) {
    ScreeningRecord rec;
    rec.id = r.Int(0);
    StoredScreening& s = rec.screening;
    s.post_id = ColumnText(r, 1);
    s.author = ColumnText(r, 2);
    s.platform = ColumnText(r, 3);
    s.url = ColumnText(r, 4);
    s.posted_at = ColumnText(r, 5);
    s.institution = ColumnText(r, 6);
    s.text = ColumnText(r, 7);
    s.screened_at = ColumnText(r, 8);
    s.verdict = ColumnText(r, 9);
    s.risk = static_cast<int>(r.Int(10));
    s.promotional = r.Int(11) != 0;
    history.recent.push_back(std::move(rec));
  });
  if (!st.ok()) return st;
  auto findings = db_->Prepare(
      "SELECT category, rule, severity, entity_id, span_start, span_end FROM screening_findings "
      "WHERE screening_id = ?1 ORDER BY span_start, span_end, rowid");
  if (!findings.ok()) return findings.status();
  for (ScreeningRecord& rec : history.recent) {
    findings->Reset();
    findings->Bind(1, rec.id);
    st = ForEachRow(*findings, [&](const Stmt& r) {
      rec.screening.findings.push_back(
          {ColumnText(r, 0), ColumnText(r, 1), ColumnText(r, 2), ColumnText(r, 3), r.Int(4), r.Int(5)});
    });
    if (!st.ok()) return st;
  }
  return history;
}

}  // namespace jianmei::store
