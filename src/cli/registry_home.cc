#include "cli/registry_home.h"

#include <cstdlib>
#include <filesystem>

#include "store/migrations.h"
#include "store/registry_store.h"

namespace jianmei::cli {

std::string JianmeiHome() {
  const char* h = std::getenv("JIANMEI_HOME");
  return h && *h ? h : "./.jianmei";
}

Result<std::shared_ptr<const registry::Directory>> LoadRegistryDirectory(
    std::shared_ptr<const kb::Knowledge> kb, const std::string& db_path) {
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec)) return std::shared_ptr<const registry::Directory>();
  auto db = store::Db::Open(db_path);
  if (!db.ok()) return db.status();
  auto has = store::HasRegistryTables(db->get());
  if (!has.ok()) return has.status();
  if (!*has) return std::shared_ptr<const registry::Directory>();
  // Brings an older registry schema up to date (a no-op when it is current).
  if (Status s = store::MigrateRegistrySchema(db->get()); !s.ok()) return s;
  auto records = store::LoadRegistry(db->get());
  if (!records.ok()) return records.status();
  return registry::Directory::Create(std::move(kb), std::move(records->institutions),
                                     std::move(records->doctors));
}

Result<std::shared_ptr<const screen::InstitutionDirectory>> LoadDirectoryForScreening(
    std::shared_ptr<const kb::Knowledge> kb, const std::string& db_path) {
  const std::string path = db_path.empty() ? store::DatabasePath(JianmeiHome()) : db_path;
  auto dir = LoadRegistryDirectory(std::move(kb), path);
  if (!dir.ok()) return dir.status();
  if (!*dir && !db_path.empty()) {
    return Status::NotFound("--registry " + db_path + ": no registry there (create it with `jianmei registry import`)");
  }
  return std::shared_ptr<const screen::InstitutionDirectory>(*dir);
}

}  // namespace jianmei::cli
