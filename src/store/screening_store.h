// ScreeningStore: screened posts and their findings in the shared SQLite file (component
// "screenings"), kept so that the dashboard has history, and the statistics over them.
// One connection guarded by a mutex: safe to share between the server's threads.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/sqlite.h"

namespace jianmei::store {

struct StoredFinding {
  std::string category, rule, severity, entity_id;
  int64_t start = 0, end = 0;
};

// One screened post as stored. posted_at is RFC 3339 or empty; day is derived from it (or from
// screened_at when empty) as YYYY-MM-DD.
struct StoredScreening {
  std::string post_id, author, platform, url, posted_at, institution, text;
  std::string screened_at;  // RFC 3339, UTC
  std::string verdict;
  int risk = 0;
  bool promotional = false;
  std::vector<StoredFinding> findings;
};

struct CategoryCount {
  std::string category;
  int64_t findings = 0;
};
struct DayCount {
  std::string day, category;
  int64_t findings = 0;
};
struct InstitutionCount {
  std::string institution;
  int64_t findings = 0, serious = 0;  // serious = critical or high
  int64_t posts = 0;
};

struct ScreeningStats {
  int64_t posts = 0, findings = 0;
  std::vector<CategoryCount> by_category;       // most findings first
  std::vector<DayCount> by_day;                 // oldest day first
  std::vector<InstitutionCount> by_institution;  // most serious findings first
};

// A stored screening as read back, with its row id (the `stored_id` the API answered).
struct ScreeningRecord {
  int64_t id = 0;
  StoredScreening screening;
};

// What the stored screenings say about one institution.
struct InstitutionHistory {
  int64_t posts = 0, findings = 0, serious = 0;  // serious = critical or high
  std::vector<ScreeningRecord> recent;           // newest day first, findings by position
};

class ScreeningStore {
 public:
  // Opens (creating and migrating) the database file at path.
  static Result<std::unique_ptr<ScreeningStore>> Open(const std::string& path);

  // Stores the screenings in one transaction; returns their row ids in order.
  Result<std::vector<int64_t>> Add(const std::vector<StoredScreening>& screenings);

  // Totals, per category, per day (of posted_at, else of screening) and per institution (posts
  // that named one; at most `top` institutions).
  Result<ScreeningStats> Stats(int top) const;

  // Screenings stored with `institution` equal to one of `names` (a registry name, its aliases,
  // its licence): totals over all of them and the `limit` most recent with their findings.
  Result<InstitutionHistory> History(const std::vector<std::string>& names, int limit) const;

 private:
  explicit ScreeningStore(std::unique_ptr<Db> db) : db_(std::move(db)) {}
  mutable std::mutex mu_;
  std::unique_ptr<Db> db_;
};

// The calendar day (YYYY-MM-DD) of an RFC 3339 date-time as written (its local date).
std::string DayOf(const std::string& rfc3339);

}  // namespace jianmei::store
