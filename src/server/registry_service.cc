#include "server/registry_service.h"

namespace jianmei::server {

Result<std::unique_ptr<RegistryService>> RegistryService::Open(
    const std::string& db_path, std::shared_ptr<const kb::Knowledge> kb) {
  auto db = store::Db::Open(db_path);
  if (!db.ok()) return db.status();
  if (Status s = store::MigrateRegistrySchema(db->get()); !s.ok()) return s;
  std::unique_ptr<RegistryService> service(new RegistryService(std::move(*db), std::move(kb)));
  std::lock_guard lock(service->import_mu_);
  if (Status s = service->Reload(); !s.ok()) return s;
  return service;
}

std::shared_ptr<const registry::Directory> RegistryService::directory() const {
  std::lock_guard lock(mu_);
  return directory_;
}

std::shared_ptr<const screen::InstitutionNames> RegistryService::names() const {
  std::lock_guard lock(mu_);
  return names_;
}

Status RegistryService::Reload() {
  auto records = store::LoadRegistry(db_.get());
  if (!records.ok()) return records.status();
  auto directory = registry::Directory::Create(kb_, std::move(records->institutions),
                                               std::move(records->doctors));
  auto names = screen::InstitutionNames::Create(kb_, directory);
  if (!names.ok()) return names.status();
  std::lock_guard lock(mu_);
  directory_ = std::move(directory);
  names_ = std::move(*names);
  return Status::Ok();
}

Result<RegistryService::ImportResult> RegistryService::Import(std::string_view data,
                                                              registry::FileFormat format) {
  std::lock_guard lock(import_mu_);
  auto current = directory();
  registry::ParsedRegistry parsed = registry::ReadRegistry(
      data, format, [&](std::string_view licence) { return current->FindByLicence(licence) != nullptr; });
  ImportResult result;
  if (!parsed.errors.empty()) {
    result.errors = std::move(parsed.errors);
    return result;
  }
  auto counts = store::SaveRegistry(db_.get(), parsed.institutions, parsed.doctors);
  if (!counts.ok()) return counts.status();
  result.counts = *counts;
  if (Status s = Reload(); !s.ok()) return s;
  return result;
}

}  // namespace jianmei::server
