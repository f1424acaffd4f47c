// `jianmei evidence init|add|show|proof|checkpoint|export|verify|complaints|complaint`: the
// tamper-evident evidence archive from the command line (complaints:
// evidence_complaints_command.h; complaint new|export: evidence_complaint_command.h). The log lives in $JIANMEI_HOME (default ./.jianmei/);
// `verify` needs no log at all. The subcommand's callback runs the command and stores its exit
// code (0 ok, 1 verification failed or not found, 2 usage or I/O failure; `verify` also 3, see
// evidence_verify_command.h) in *exit_code, which must outlive `app`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/app.h"

namespace jianmei::cli {

void AddEvidenceCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace jianmei::cli
