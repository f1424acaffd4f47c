#include "server/registry_service.h"

#include <iostream>

#include "store/registry_source.h"

namespace jianmei::server {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Result<std::unique_ptr<RegistryService>> RegistryService::Open(
    const std::string& db_path, std::shared_ptr<const kb::Knowledge> kb) {
  auto db = store::Db::Open(db_path);
  if (!db.ok()) return db.status();
  if (Status s = store::MigrateRegistrySchema(db->get()); !s.ok()) return s;
  if (Status s = store::UpdateRegistryKeys(db->get(), kb->normalizer()); !s.ok()) return s;
  auto source = store::SqliteRecordSource::Open(db_path);
  if (!source.ok()) return source.status();
  std::unique_ptr<RegistryService> service(new RegistryService(std::move(*db), std::move(kb)));
  service->source_ = std::move(*source);
  service->cache_dir_ = store::RegistryCacheDir(db_path);
  if (Status s = service->Reload(); !s.ok()) return s;
  service->next_check_ms_ = NowMs() + service->recheck_ms_;
  return service;
}

RegistryService::~RegistryService() { WaitForRebuild(); }

std::shared_ptr<const registry::Directory> RegistryService::directory() const {
  std::lock_guard lock(mu_);
  return directory_;
}

std::shared_ptr<const screen::InstitutionNames> RegistryService::names() const {
  MaybeStartRebuild();
  std::lock_guard lock(mu_);
  return names_;
}

void RegistryService::MaybeStartRebuild() const {
  const int64_t now = NowMs();
  int64_t due = next_check_ms_.load(std::memory_order_relaxed);
  if (now < due || rebuilding_.load() ||
      !next_check_ms_.compare_exchange_strong(due, now + recheck_ms_.load())) {
    return;
  }
  auto version = source_->ContentVersion();
  {
    std::lock_guard lock(mu_);
    if (!version.ok() || *version == version_) return;
  }
  std::lock_guard lock(rebuild_mu_);
  if (rebuilding_.exchange(true)) return;
  if (rebuild_.joinable()) rebuild_.join();
  auto* self = const_cast<RegistryService*>(this);
  rebuild_ = std::thread([self] {
    if (Status s = self->Reload(); !s.ok()) {
      std::cerr << "jianmei serve: registry names not reloaded: " << s.ToString() << "\n";
    }
    self->rebuilding_ = false;
  });
}

void RegistryService::WaitForRebuild() const {
  std::lock_guard lock(rebuild_mu_);
  if (rebuild_.joinable()) rebuild_.join();
}

Status RegistryService::Reload() {
  std::lock_guard reload(reload_mu_);
  auto version = source_->ContentVersion();
  if (!version.ok()) return version.status();
  {
    std::lock_guard lock(mu_);
    if (names_ && *version == version_) return Status::Ok();
  }
  auto cached = registry::CachedNameMatcher(*source_, kb_->normalizer(), cache_dir_);
  if (!cached.ok()) return cached.status();
  auto directory = registry::Directory::Open(kb_, source_, cached->matcher);
  auto names = screen::InstitutionNames::Create(kb_, directory);
  if (!names.ok()) return names.status();
  std::lock_guard lock(mu_);
  directory_ = std::move(directory);
  names_ = std::move(*names);
  version_ = *version;
  return Status::Ok();
}

Result<RegistryService::ImportResult> RegistryService::Import(std::string_view data,
                                                              registry::FileFormat format) {
  std::lock_guard lock(import_mu_);
  Status lookup_failed;
  registry::ParsedRegistry parsed = registry::ReadRegistry(data, format, [&](std::string_view licence) {
    auto has = store::HasInstitution(db_.get(), licence);
    if (!has.ok()) lookup_failed = has.status();
    return has.ok() && *has;
  });
  if (!lookup_failed.ok()) return lookup_failed;
  ImportResult result;
  if (!parsed.errors.empty()) {
    result.errors = std::move(parsed.errors);
    return result;
  }
  auto counts = store::SaveRegistry(db_.get(), kb_->normalizer(), parsed.institutions, parsed.doctors);
  if (!counts.ok()) return counts.status();
  result.counts = *counts;
  if (Status s = Reload(); !s.ok()) return s;
  return result;
}

}  // namespace jianmei::server
