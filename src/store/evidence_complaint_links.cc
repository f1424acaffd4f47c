#include "store/evidence_complaint_links.h"

#include <chrono>
#include <utility>

namespace jianmei::store {

Result<LinkCounts> LinkComplaints(Db* db, const InstitutionResolver& resolve) {
  Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  auto unlinked = db->Prepare(
      "SELECT c.entry_idx, c.institution FROM complaints c "
      "LEFT JOIN complaint_links l ON l.entry_idx = c.entry_idx "
      "WHERE l.entry_idx IS NULL ORDER BY c.entry_idx");
  if (!unlinked.ok()) return unlinked.status();
  std::vector<std::pair<int64_t, std::string>> links;
  LinkCounts counts;
  for (;;) {
    auto row = unlinked->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (std::optional<std::string> licence = resolve(unlinked->Blob(1))) {
      if (licence->empty()) {
        return Status::InvalidArgument("complaint link: empty licence for entry " +
                                       std::to_string(unlinked->Int(0)));
      }
      links.emplace_back(unlinked->Int(0), std::move(*licence));
    } else {
      ++counts.unresolved;
    }
  }
  auto insert = db->Prepare("INSERT INTO complaint_links(entry_idx, licence, linked_at) VALUES(?, ?, ?)");
  if (!insert.ok()) return insert.status();
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  for (const auto& [entry, licence] : links) {
    insert->Bind(1, entry).BindText(2, licence).Bind(3, now);
    if (Status s = insert->Run(); !s.ok()) return s;
    insert->Reset();
    ++counts.linked;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return counts;
}

Result<std::vector<uint64_t>> ComplaintsOfLicence(Db* db, std::string_view licence) {
  auto q = db->Prepare("SELECT entry_idx FROM complaint_links WHERE licence = ? ORDER BY entry_idx");
  if (!q.ok()) return q.status();
  q->BindText(1, licence);
  std::vector<uint64_t> out;
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(static_cast<uint64_t>(q->Int(0)));
  }
  return out;
}

Result<std::vector<ComplaintTally>> TallyComplaints(Db* db) {
  auto q = db->Prepare(
      "SELECT coalesce(l.licence, ''), CASE WHEN l.licence IS NULL THEN c.institution ELSE '' END "
      "AS name, count(*) AS n FROM complaints c LEFT JOIN complaint_links l USING(entry_idx) "
      "GROUP BY 1, 2 ORDER BY n DESC, 1, 2");
  if (!q.ok()) return q.status();
  std::vector<ComplaintTally> out;
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({std::string(q->Blob(0)), std::string(q->Blob(1)), static_cast<uint64_t>(q->Int(2))});
  }
  return out;
}

}  // namespace jianmei::store
