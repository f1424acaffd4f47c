#include "store/registry_source.h"

#include <filesystem>

#include "registry/record_reader.h"
#include "store/registry_store.h"

namespace jianmei::store {
namespace {

constexpr const char* kInstitutionColumns =
    "i.licence, i.name, i.type, i.level, i.city, i.status, i.valid_from, i.valid_until, "
    "i.departments, i.projects, i.aliases";
constexpr size_t kInstitutionColumnCount = 11;

}  // namespace

std::string RegistryCacheDir(const std::string& db_path) {
  return (std::filesystem::path(db_path).parent_path() / "cache").string();
}

Result<std::shared_ptr<SqliteRecordSource>> SqliteRecordSource::Open(const std::string& db_path) {
  auto db = Db::Open(db_path);
  if (!db.ok()) return db.status();
  return std::shared_ptr<SqliteRecordSource>(new SqliteRecordSource(std::move(*db)));
}

Result<Stmt*> SqliteRecordSource::Statement(const std::string& sql) const {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    auto q = db_->Prepare(sql);
    if (!q.ok()) return q.status();
    it = statements_.emplace(sql, std::make_unique<Stmt>(std::move(*q))).first;
  }
  it->second->Reset();
  return it->second.get();
}

Result<std::vector<registry::Institution>> SqliteRecordSource::Institutions(Stmt* q) const {
  std::vector<registry::Institution> out;
  std::vector<std::string> fields(kInstitutionColumnCount);
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    for (size_t i = 0; i < fields.size(); ++i) fields[i] = q->Blob(static_cast<int>(i));
    auto inst = registry::InstitutionFromFields(fields);
    if (!inst.ok()) {
      return Status::Corruption("registry_institutions row with licence " + fields[0] + " on " +
                                db_->path() + ": " + inst.status().message());
    }
    out.push_back(std::move(*inst));
  }
  q->Reset();
  return out;
}

Result<std::optional<registry::Institution>> SqliteRecordSource::InstitutionByLicence(
    std::string_view licence) const {
  std::lock_guard lock(mu_);
  auto q = Statement(std::string("SELECT ") + kInstitutionColumns +
                     " FROM registry_institutions i WHERE i.licence = ?1");
  if (!q.ok()) return q.status();
  (*q)->BindText(1, licence);
  auto found = Institutions(*q);
  if (!found.ok()) return found.status();
  if (found->empty()) return std::optional<registry::Institution>();
  return std::optional<registry::Institution>(std::move(found->front()));
}

Result<std::vector<registry::Institution>> SqliteRecordSource::InstitutionsByName(std::string_view folded) const {
  std::lock_guard lock(mu_);
  auto q = Statement(std::string("SELECT DISTINCT ") + kInstitutionColumns + ", i.rowid" +
                     " FROM registry_names n JOIN registry_institutions i ON i.licence = n.licence"
                     " WHERE n.kind = 0 AND n.key = ?1 ORDER BY i.rowid");
  if (!q.ok()) return q.status();
  (*q)->BindText(1, folded);
  return Institutions(*q);
}

Result<std::vector<std::string>> SqliteRecordSource::LicencesByCore(std::string_view key) const {
  std::lock_guard lock(mu_);
  auto q = Statement(
      "SELECT DISTINCT n.licence, i.rowid FROM registry_names n JOIN registry_institutions i ON i.licence = n.licence"
      " WHERE n.kind = 1 AND n.key = ?1 ORDER BY i.rowid");
  if (!q.ok()) return q.status();
  (*q)->BindText(1, key);
  std::vector<std::string> out;
  for (;;) {
    auto row = (*q)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.emplace_back((*q)->Blob(0));
  }
  (*q)->Reset();
  return out;
}

Result<std::vector<registry::Institution>> SqliteRecordSource::Search(std::string_view folded,
                                                                      size_t limit) const {
  std::lock_guard lock(mu_);
  if (folded.empty()) return std::vector<registry::Institution>();
  // No index serves a substring: the search text of every row is read until `limit` are found.
  auto q = Statement(std::string("SELECT ") + kInstitutionColumns +
                     " FROM registry_institutions i WHERE instr(i.search_key, ?1) > 0 ORDER BY i.rowid LIMIT ?2");
  if (!q.ok()) return q.status();
  (*q)->BindText(1, folded);
  (*q)->Bind(2, static_cast<int64_t>(limit));
  return Institutions(*q);
}

Result<std::vector<registry::Doctor>> SqliteRecordSource::DoctorsAt(std::string_view institution_licence) const {
  std::lock_guard lock(mu_);
  auto q = Statement(
      "SELECT licence, name, institution_licence, specialties, status FROM registry_doctors"
      " WHERE institution_licence = ?1 ORDER BY rowid");
  if (!q.ok()) return q.status();
  (*q)->BindText(1, institution_licence);
  std::vector<registry::Doctor> out;
  std::vector<std::string> fields(5);
  for (;;) {
    auto row = (*q)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    for (size_t i = 0; i < fields.size(); ++i) fields[i] = (*q)->Blob(static_cast<int>(i));
    auto d = registry::DoctorFromFields(fields);
    if (!d.ok()) {
      return Status::Corruption("registry_doctors row with licence " + fields[0] + " on " + db_->path() +
                                ": " + d.status().message());
    }
    out.push_back(std::move(*d));
  }
  (*q)->Reset();
  return out;
}

Result<size_t> SqliteRecordSource::InstitutionCount() const {
  std::lock_guard lock(mu_);
  auto q = Statement("SELECT count(*) FROM registry_institutions");
  if (!q.ok()) return q.status();
  auto row = (*q)->Step();
  if (!row.ok()) return row.status();
  const auto n = static_cast<size_t>((*q)->Int(0));
  (*q)->Reset();
  return n;
}

Result<std::vector<std::string>> SqliteRecordSource::CoresStartingWith(std::string_view prefix,
                                                                       size_t limit) const {
  std::lock_guard lock(mu_);
  // A range on the (kind, key) index: the keys from `prefix` (exclusive) up to `prefix` followed by
  // 0xFF, a byte no UTF-8 text holds.
  auto q = Statement(
      "SELECT DISTINCT key FROM registry_names WHERE kind = 1 AND key > ?1 AND key < ?2 ORDER BY key LIMIT ?3");
  if (!q.ok()) return q.status();
  (*q)->BindText(1, prefix).BindText(2, std::string(prefix) + '\xFF').Bind(3, static_cast<int64_t>(limit));
  std::vector<std::string> out;
  for (;;) {
    auto row = (*q)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.emplace_back((*q)->Blob(0));
  }
  (*q)->Reset();
  return out;
}

Status SqliteRecordSource::ForEachCore(const std::function<void(std::string_view key)>& fn) const {
  std::lock_guard lock(mu_);
  auto q = Statement("SELECT DISTINCT key FROM registry_names WHERE kind = 1 ORDER BY key");
  if (!q.ok()) return q.status();
  for (;;) {
    auto row = (*q)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    fn((*q)->Blob(0));
  }
  return (*q)->Reset();
}

Result<std::string> SqliteRecordSource::ContentVersion() const {
  std::lock_guard lock(mu_);
  return RegistryContentVersion(db_.get());
}

}  // namespace jianmei::store
