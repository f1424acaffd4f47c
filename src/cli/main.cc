// The `jianmei` command line.
#include <CLI/CLI.hpp>

#include "cli/app.h"
#include "cli/campaign_command.h"
#include "cli/check_command.h"
#include "cli/eval_command.h"
#include "cli/evidence_command.h"
#include "cli/kb_command.h"
#include "cli/qualify_command.h"
#include "cli/registry_command.h"
#include "cli/registry_home.h"
#include "cli/scan_command.h"
#include "cli/serve_command.h"

int main(int argc, char** argv) {
  using namespace jianmei::cli;
  CLI::App app(
      "jianmei (鉴美): finds illegal medical-aesthetics practice and explains the rule it breaks.\n"
      "Exit codes: 0 success; 1 some input records were errors, a lookup found nothing or an eval "
      "fell below a floor "
      "(all reported); 2 usage, knowledge-base or I/O failure.",
      "jianmei");
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "help for every command");
  GlobalOptions global;
  app.add_option("--kb", global.kb_dir,
                 "knowledge-base directory (default: $JIANMEI_KB, ./kb, or the source tree's kb/)");
  app.add_option("--registry", global.registry,
                 "registry for scan and check (default: $JIANMEI_HOME/jianmei.db when it holds one)");
  app.add_flag("--no-registry", global.no_registry, "scan and check without the registry");
  global.load_directory = LoadDirectoryForScreening;
  int exit_code = kExitOk;
  AddCheckCommand(app, global, &exit_code);
  AddScanCommand(app, global, &exit_code);
  AddLookupCommand(app, global, &exit_code);
  AddEvalCommand(app, global, &exit_code);
  AddKbCommand(app, global, &exit_code);
  AddEvidenceCommand(app, global, &exit_code);
  AddCampaignsCommand(app, global, &exit_code);
  AddServeCommand(app, global, &exit_code);
  AddRegistryCommand(app, global, &exit_code);
  AddQualifyCommand(app, global, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : kExitFailure;
  }
  return exit_code;
}
