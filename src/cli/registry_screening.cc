#include "cli/registry_screening.h"

namespace jianmei::cli {

Result<std::shared_ptr<const screen::InstitutionNames>> LoadInstitutionNames(
    const GlobalOptions& options, const std::shared_ptr<const screen::Screener>& screener) {
  if (options.no_registry || !options.load_directory) return std::shared_ptr<const screen::InstitutionNames>();
  // The knowledge base lives as long as the screener that owns it.
  std::shared_ptr<const kb::Knowledge> kb(screener, &screener->knowledge());
  auto directory = options.load_directory(kb, options.registry);
  if (!directory.ok()) return directory.status();
  if (!*directory) return std::shared_ptr<const screen::InstitutionNames>();
  return screen::InstitutionNames::Create(kb, *directory);
}

Result<std::shared_ptr<const screen::Pipeline>> LoadPipeline(const GlobalOptions& options) {
  auto screener = LoadScreener(options);
  if (!screener.ok()) return screener.status();
  auto names = LoadInstitutionNames(options, *screener);
  if (!names.ok()) return names.status();
  return screen::Pipeline::Create(*screener, *names);
}

}  // namespace jianmei::cli
