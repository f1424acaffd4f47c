#include "store/screening_store.h"

#include "store/migrations.h"
#include "store/screening_schema.h"

namespace jianmei::store {

std::string DayOf(const std::string& rfc3339) { return rfc3339.substr(0, 10); }

Result<std::unique_ptr<ScreeningStore>> ScreeningStore::Open(const std::string& path) {
  auto db = Db::Open(path);
  if (!db.ok()) return db.status();
  if (Status s = ConfigureConnection(db->get()); !s.ok()) return s;
  if (Status s = Migrate(db->get(), "screenings", ScreeningMigrations()); !s.ok()) return s;
  return std::unique_ptr<ScreeningStore>(new ScreeningStore(std::move(*db)));
}

Result<std::vector<int64_t>> ScreeningStore::Add(const std::vector<StoredScreening>& screenings) {
  std::lock_guard lock(mu_);
  Transaction tx(db_.get());
  if (!tx.status().ok()) return tx.status();
  auto post = db_->Prepare(
      "INSERT INTO screenings(post_id, author, platform, url, posted_at, institution, text, "
      "screened_at, day, verdict, risk, promotional) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!post.ok()) return post.status();
  auto finding = db_->Prepare(
      "INSERT INTO screening_findings(screening_id, category, rule, severity, span_start, "
      "span_end, entity_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!finding.ok()) return finding.status();
  std::vector<int64_t> ids;
  ids.reserve(screenings.size());
  for (const StoredScreening& s : screenings) {
    post->Reset();
    post->BindText(1, s.post_id).BindText(2, s.author).BindText(3, s.platform).BindText(4, s.url);
    post->BindText(5, s.posted_at).BindText(6, s.institution).BindText(7, s.text);
    post->BindText(8, s.screened_at).BindText(9, DayOf(s.posted_at.empty() ? s.screened_at : s.posted_at));
    post->BindText(10, s.verdict).Bind(11, s.risk).Bind(12, s.promotional ? 1 : 0);
    if (Status st = post->Run(); !st.ok()) return st;
    const int64_t id = sqlite3_last_insert_rowid(db_->raw());
    ids.push_back(id);
    for (const StoredFinding& f : s.findings) {
      finding->Reset();
      finding->Bind(1, id).BindText(2, f.category).BindText(3, f.rule).BindText(4, f.severity);
      finding->Bind(5, f.start).Bind(6, f.end).BindText(7, f.entity_id);
      if (Status st = finding->Run(); !st.ok()) return st;
    }
  }
  if (Status st = tx.Commit(); !st.ok()) return st;
  return ids;
}

}  // namespace jianmei::store
