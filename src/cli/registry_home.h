// Where the commands find the registry: $JIANMEI_HOME (default ./.jianmei) and its jianmei.db,
// loaded into a registry::Directory for qualify, scan and check.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "kb/knowledge.h"
#include "registry/directory.h"

namespace jianmei::cli {

// $JIANMEI_HOME, or ./.jianmei when it is unset.
std::string JianmeiHome();

// The registry stored in the SQLite file `db_path`. Null (and ok) when the file does not exist or
// holds no registry tables; an error when it cannot be read or a stored record does not check.
Result<std::shared_ptr<const registry::Directory>> LoadRegistryDirectory(
    std::shared_ptr<const kb::Knowledge> kb, const std::string& db_path);

// For GlobalOptions::load_directory (scan and check): `db_path` empty means the default file,
// where no registry is fine (null); a named file must exist and hold a registry.
Result<std::shared_ptr<const screen::InstitutionDirectory>> LoadDirectoryForScreening(
    std::shared_ptr<const kb::Knowledge> kb, const std::string& db_path);

}  // namespace jianmei::cli
