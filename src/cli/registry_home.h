// Where the commands find the registry: $JIANMEI_HOME (default ./.jianmei) and its jianmei.db,
// opened as a registry::Directory over the database (qualify, search, scan and check query it; it
// is never loaded whole) with, for screening, the name matcher from the cache beside it.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "kb/knowledge.h"
#include "registry/directory.h"

namespace jianmei::cli {

// $JIANMEI_HOME, or ./.jianmei when it is unset.
std::string JianmeiHome();

// The registry stored in the SQLite file `db_path` (its schema and keys brought up to date
// first). Null (and ok) when the file does not exist or holds no registry tables; an error when
// it cannot be read. `names`: also the name matcher screening needs, loaded from the cache file
// of the registry's content version or compiled and cached (the first use after an import; a
// note on stderr says so when it took a second or more).
Result<std::shared_ptr<const registry::Directory>> LoadRegistryDirectory(
    std::shared_ptr<const kb::Knowledge> kb, const std::string& db_path, bool names = false);

// For GlobalOptions::load_directory (scan and check): `db_path` empty means the default file,
// where no registry is fine (null); a named file must exist and hold a registry.
Result<std::shared_ptr<const screen::InstitutionDirectory>> LoadDirectoryForScreening(
    std::shared_ptr<const kb::Knowledge> kb, const std::string& db_path);

}  // namespace jianmei::cli
