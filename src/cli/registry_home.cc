#include "cli/registry_home.h"

#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "store/migrations.h"
#include "store/registry_source.h"
#include "store/registry_store.h"

namespace jianmei::cli {

std::string JianmeiHome() {
  const char* h = std::getenv("JIANMEI_HOME");
  return h && *h ? h : "./.jianmei";
}

Result<std::shared_ptr<const registry::Directory>> LoadRegistryDirectory(
    std::shared_ptr<const kb::Knowledge> kb, const std::string& db_path, bool names) {
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec)) return std::shared_ptr<const registry::Directory>();
  {
    auto db = store::Db::Open(db_path);
    if (!db.ok()) return db.status();
    auto has = store::HasRegistryTables(db->get());
    if (!has.ok()) return has.status();
    if (!*has) return std::shared_ptr<const registry::Directory>();
    // Brings an older registry schema and its keys up to date (a no-op when they are current).
    if (Status s = store::MigrateRegistrySchema(db->get()); !s.ok()) return s;
    if (Status s = store::UpdateRegistryKeys(db->get(), kb->normalizer()); !s.ok()) return s;
  }
  auto source = store::SqliteRecordSource::Open(db_path);
  if (!source.ok()) return source.status();
  std::shared_ptr<const registry::NameMatcher> matcher;
  if (names) {
    auto cached = registry::CachedNameMatcher(**source, kb->normalizer(), store::RegistryCacheDir(db_path));
    if (!cached.ok()) return cached.status();
    if (cached->built && cached->seconds >= 1) {
      std::cerr << "jianmei: compiled the registry's " << cached->matcher->key_count() << " name cores ("
                << cached->matcher->pattern_count() << " patterns) in "
                << std::fixed << std::setprecision(1) << cached->seconds << " s (first use after an import; cached in "
                << cached->path << ")\n";
    }
    matcher = cached->matcher;
  }
  return registry::Directory::Open(std::move(kb), std::move(*source), std::move(matcher));
}

Result<std::shared_ptr<const screen::InstitutionDirectory>> LoadDirectoryForScreening(
    std::shared_ptr<const kb::Knowledge> kb, const std::string& db_path) {
  const std::string path = db_path.empty() ? store::DatabasePath(JianmeiHome()) : db_path;
  auto dir = LoadRegistryDirectory(std::move(kb), path, /*names=*/true);
  if (!dir.ok()) return dir.status();
  if (!*dir && !db_path.empty()) {
    return Status::NotFound("--registry " + db_path + ": no registry there (create it with `jianmei registry import`)");
  }
  return std::shared_ptr<const screen::InstitutionDirectory>(*dir);
}

}  // namespace jianmei::cli
