#include "server/complaint_service.h"

#include "store/evidence_complaint_links.h"

namespace jianmei::server {

Result<std::unique_ptr<ComplaintService>> ComplaintService::Open(const std::string& db_path) {
  auto db = store::Db::Open(db_path);
  if (!db.ok()) return db.status();
  return std::unique_ptr<ComplaintService>(new ComplaintService(std::move(*db)));
}

Result<std::vector<uint64_t>> ComplaintService::LinkedTo(std::string_view licence) const {
  std::lock_guard lock(mu_);
  // Checked on every call: `jianmei evidence` may create the tables while the server runs.
  auto has = store::HasTable(db_.get(), "complaint_links");
  if (!has.ok()) return has.status();
  if (!*has) return std::vector<uint64_t>{};
  return store::ComplaintsOfLicence(db_.get(), licence);
}

}  // namespace jianmei::server
