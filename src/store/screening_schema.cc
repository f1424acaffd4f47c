#include "store/screening_schema.h"

namespace jianmei::store {

std::span<const std::string> ScreeningMigrations() {
  static const std::string kMigrations[] = {
      // v1: one row per screened post, one per finding. `day` is precomputed for the by-day stats.
      "CREATE TABLE screenings("
      "  id INTEGER PRIMARY KEY,"
      "  post_id TEXT NOT NULL DEFAULT '',"
      "  author TEXT NOT NULL DEFAULT '',"
      "  platform TEXT NOT NULL DEFAULT '',"
      "  url TEXT NOT NULL DEFAULT '',"
      "  posted_at TEXT NOT NULL DEFAULT '',"
      "  institution TEXT NOT NULL DEFAULT '',"
      "  text TEXT NOT NULL,"
      "  screened_at TEXT NOT NULL,"
      "  day TEXT NOT NULL,"
      "  verdict TEXT NOT NULL CHECK(verdict IN ('violation','suspect','clean')),"
      "  risk INTEGER NOT NULL CHECK(risk BETWEEN 0 AND 100),"
      "  promotional INTEGER NOT NULL CHECK(promotional IN (0,1)));"
      "CREATE INDEX screenings_day ON screenings(day);"
      "CREATE INDEX screenings_institution ON screenings(institution) WHERE institution <> '';"
      "CREATE TABLE screening_findings("
      "  screening_id INTEGER NOT NULL REFERENCES screenings(id) ON DELETE CASCADE,"
      "  category TEXT NOT NULL,"
      "  rule TEXT NOT NULL,"
      "  severity TEXT NOT NULL CHECK(severity IN ('low','medium','high','critical')),"
      "  span_start INTEGER NOT NULL,"
      "  span_end INTEGER NOT NULL,"
      "  entity_id TEXT NOT NULL DEFAULT '');"
      "CREATE INDEX screening_findings_screening ON screening_findings(screening_id);",
  };
  return kMigrations;
}

}  // namespace jianmei::store
