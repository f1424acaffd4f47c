// `jianmei evidence complaint new [FILE]` and `jianmei evidence complaint export INDEX --out
// BUNDLE [--html REPORT]` (doc/evidence_format.md, "Complaint report"). `new` records a complaint
// with its signed receipt: from FILE ('-' = standard input) as JSON, or, with no FILE on a
// terminal, asking for each field (cli/complaint_prompt.h). `export` writes the bundle of the
// complaint and the entries it cites and the Chinese, A4-printable report of the filing
// (cli/complaint_filing_builder.h). Each run reads only its options, files and $JIANMEI_HOME.
#pragma once

#include <CLI/CLI.hpp>

#include <istream>
#include <ostream>
#include <string>

#include "cli/app.h"

namespace jianmei::cli {

struct ComplaintNewOptions {
  std::string home;          // JIANMEI_HOME
  std::string file;          // JSON file, '-' = `in`; empty = ask on `in`
  std::string recorded_at;   // RFC 3339; empty = now
  std::string receipt;       // also write the receipt as a one-entry bundle here
};
// Exit: 0 recorded, 2 bad complaint or I/O failure. Questions go to `err` (stdout keeps the
// receipt JSON).
int RunComplaintNew(const ComplaintNewOptions& options, std::istream& in, std::ostream& out,
                    std::ostream& err);

struct ComplaintExportOptions {
  std::string home;
  GlobalOptions global;  // the knowledge base (and its channels) to judge and word with
  uint64_t index = 0;    // the complaint entry
  std::string out;       // bundle file ('-' = stdout)
  std::string html;      // report file ('-' = stdout); empty = none
};
// Exit: 0 written, 1 the entry does not exist or is not a complaint, 2 failure.
int RunComplaintExport(const ComplaintExportOptions& options, std::ostream& out, std::ostream& err);

// Adds `complaint new|export` under the `evidence` command.
void AddComplaintSubcommand(CLI::App* evidence, const GlobalOptions& global, int* exit_code);

}  // namespace jianmei::cli
