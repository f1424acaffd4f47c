// `jianmei evidence complaints [--institution NAME|LICENCE]`: links the log's complaints to the
// registry in the same $JIANMEI_HOME/jianmei.db (store/evidence_complaint_links.h) and reports
// them per institution: with --institution, that institution's profile (registry record and
// its complaints); without, one JSON line per linked licence and per unlinked name.
#pragma once

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>

#include "cli/app.h"

namespace jianmei::cli {

struct ComplaintsOptions {
  std::string home;         // JIANMEI_HOME
  GlobalOptions global;     // the knowledge base the registry's names are folded with
  std::string institution;  // empty = every institution
};

// Exit code: 0 ok, 1 the institution is not in the registry, 2 failure (no registry for
// --institution, an ambiguous name, I/O).
int RunComplaints(const ComplaintsOptions& options, std::ostream& out, std::ostream& err);

// Adds `complaints` under the `evidence` command.
void AddComplaintsSubcommand(CLI::App* evidence, const GlobalOptions& global, int* exit_code);

}  // namespace jianmei::cli
