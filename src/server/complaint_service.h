// ComplaintService: the evidence archive's complaints as the HTTP server sees them — which ones
// `jianmei evidence complaints` has linked to a registry licence (store/evidence_complaint_links.h).
// Read-only: a GET must not write, so the server neither creates the evidence tables nor makes
// links (linking is the CLI's run against the registry). Thread-safe: one connection behind a
// mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/sqlite.h"

namespace jianmei::server {

class ComplaintService {
 public:
  // Opens its own connection to the database file; the evidence tables need not exist.
  static Result<std::unique_ptr<ComplaintService>> Open(const std::string& db_path);

  // Entry indices of the complaints linked to `licence`, ascending; none while the file has no
  // link table (no evidence archived there yet, or an archive older than the links).
  Result<std::vector<uint64_t>> LinkedTo(std::string_view licence) const;

 private:
  explicit ComplaintService(std::unique_ptr<store::Db> db) : db_(std::move(db)) {}
  mutable std::mutex mu_;
  std::unique_ptr<store::Db> db_;
};

}  // namespace jianmei::server
