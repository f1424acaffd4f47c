// The screening pipeline of scan, check and eval: the screener of the knowledge base and the
// InstitutionNames over the registry that GlobalOptions selects (--kb; --registry,
// --no-registry, or $JIANMEI_HOME/jianmei.db).
#pragma once

#include <memory>

#include "cli/app.h"
#include "core/status.h"
#include "screen/institution_names.h"
#include "screen/pipeline.h"

namespace jianmei::cli {

// Null when no registry is in use.
Result<std::shared_ptr<const screen::InstitutionNames>> LoadInstitutionNames(
    const GlobalOptions& options, const std::shared_ptr<const screen::Screener>& screener);

// Loads the knowledge base (printing its problems to stderr), compiles the screener and adds
// the registry when one is in use.
Result<std::shared_ptr<const screen::Pipeline>> LoadPipeline(const GlobalOptions& options);

}  // namespace jianmei::cli
