// Registry screening for scan and check: the InstitutionNames over the registry that
// GlobalOptions selects (--registry, --no-registry, or $JIANMEI_HOME/jianmei.db).
#pragma once

#include <memory>

#include "cli/app.h"
#include "core/status.h"
#include "screen/institution_names.h"

namespace jianmei::cli {

// Null when no registry is in use.
Result<std::shared_ptr<const screen::InstitutionNames>> LoadInstitutionNames(
    const GlobalOptions& options, const std::shared_ptr<const screen::Screener>& screener);

}  // namespace jianmei::cli
