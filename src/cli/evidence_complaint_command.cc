#include "cli/evidence_complaint_command.h"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/complaint_filing_builder.h"
#include "cli/complaint_prompt.h"
#include "cli/registry_home.h"
#include "core/rfc3339.h"
#include "core/utf8.h"
#include "evidence/complaint_report_html.h"
#include "screen/institution_names.h"
#include "store/evidence_export.h"
#include "store/files.h"
#include "store/migrations.h"

namespace jianmei::cli {
namespace {

using nlohmann::json;
namespace ev = jianmei::evidence;

Status WriteTo(const std::string& path, const std::string& data, std::ostream& out) {
  if (path == "-") {
    out << data;
    return Status::Ok();
  }
  return store::WriteFileAtomic(path, data);
}

std::string BaseName(const std::string& path) {
  if (path == "-") return "bundle.json";
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

int RunComplaintNew(const ComplaintNewOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto fail = [&](const Status& s) {
    err << "jianmei evidence complaint new: " << s.ToString() << "\n";
    return kExitFailure;
  };
  if (!o.recorded_at.empty() && !ParseRfc3339(o.recorded_at)) {
    return fail(Status::InvalidArgument("--recorded-at \"" + std::string(utf8::Prefix(o.recorded_at, 40)) +
                                        "\" is not an RFC 3339 date-time"));
  }
  Result<ev::Complaint> complaint = Status::InvalidArgument("no complaint");
  if (o.file.empty()) {
    complaint = PromptComplaint(in, err);
  } else {
    auto text = o.file == "-" ? Result<std::string>(std::string(std::istreambuf_iterator<char>(in), {}))
                              : store::ReadFile(o.file);
    if (!text.ok()) return fail(text.status());
    complaint = ev::ParseComplaint(*text);
    if (!complaint.ok()) return fail(Status::InvalidArgument(o.file + ": " + complaint.status().message()));
  }
  if (!complaint.ok()) return fail(complaint.status());
  auto log = store::EvidenceLog::Open({o.home});
  if (!log.ok()) return fail(log.status());
  const ev::Entry e = ev::ComplaintEntry(*complaint, o.recorded_at.empty() ? NowRfc3339() : o.recorded_at);
  auto r = (*log)->AppendWithReceipt(e);
  if (!r.ok()) return fail(r.status());
  if (!o.receipt.empty()) {
    auto b = store::ReceiptBundle(**log, *r);
    if (!b.ok()) return fail(b.status());
    if (Status s = WriteTo(o.receipt, ev::BundleToJson(*b), out); !s.ok()) return fail(s);
  }
  json proof = json::array();
  for (const ev::Hash& h : r->proof) proof.push_back(ev::HashToBase64(h));
  out << json({{"index", r->index}, {"leaf_hash", ev::ToHex(r->leaf)}, {"origin", (*log)->origin()},
               {"receipt", {{"tree_size", r->checkpoint.checkpoint.size},
                            {"checkpoint", r->checkpoint.note}, {"proof", proof}}}})
             .dump(2, ' ', false, json::error_handler_t::replace)
      << "\n";
  return kExitOk;
}

int RunComplaintExport(const ComplaintExportOptions& o, std::ostream& out, std::ostream& err) {
  auto fail = [&](const Status& s, int code = kExitFailure) {
    err << "jianmei evidence complaint export: " << s.ToString() << "\n";
    return code;
  };
  auto log = store::EvidenceLog::Open({o.home});
  if (!log.ok()) return fail(log.status());
  if (o.index >= (*log)->size()) {
    return fail(Status::NotFound("no entry " + std::to_string(o.index) + " (the log has " +
                                 std::to_string((*log)->size()) + ")"), kExitInputErrors);
  }
  auto screener = LoadScreener(o.global);
  if (!screener.ok()) return fail(screener.status());
  // The knowledge base lives as long as the screener that owns it.
  std::shared_ptr<const kb::Knowledge> kb(*screener, &(*screener)->knowledge());
  auto dir = LoadRegistryDirectory(kb, store::DatabasePath(o.home));
  if (!dir.ok()) return fail(dir.status());
  std::shared_ptr<const screen::InstitutionNames> names;
  if (*dir) {
    auto n = screen::InstitutionNames::Create(kb, *dir);
    if (!n.ok()) return fail(n.status());
    names = *n;
  } else {
    err << "jianmei evidence complaint export: no registry in " << store::DatabasePath(o.home)
        << " (jianmei registry import): the respondent is shown as named\n";
  }
  FilingInputs in{log->get(), kb, *dir, screen::Pipeline::Create(*screener, names),
                  registry::Today(), BaseName(o.out), NowRfc3339()};
  auto filing = BuildComplaintFiling(in, o.index);
  if (!filing.ok()) {
    return fail(filing.status(), filing.status().code() == Status::Code::kInvalidArgument ? kExitInputErrors
                                                                                       : kExitFailure);
  }
  if (Status s = WriteTo(o.out, ev::BundleToJson(filing->bundle), out); !s.ok()) return fail(s);
  if (!o.html.empty()) {
    if (Status s = WriteTo(o.html, ev::RenderComplaintReport(*filing), out); !s.ok()) return fail(s);
  }
  err << "jianmei evidence complaint export: entry " << o.index << " with "
      << filing->verified.entries.size() - 1 << " cited entries\n";
  return kExitOk;
}

void AddComplaintSubcommand(CLI::App* evidence, const GlobalOptions& global, int* exit_code) {
  CLI::App* cmd = evidence->add_subcommand("complaint", "record a victim's complaint, or export it for filing");
  cmd->require_subcommand(1);

  auto n = std::make_shared<ComplaintNewOptions>();
  CLI::App* add = cmd->add_subcommand(
      "new", "record a complaint: from a JSON file ('-' = stdin), or asked field by field on a terminal");
  add->add_option("file", n->file, "complaint JSON (doc/evidence_format.md); omit on a terminal to be asked");
  add->add_option("--recorded-at", n->recorded_at, "when it was recorded (default: now, UTC)");
  add->add_option("--receipt", n->receipt, "also write the receipt as a one-entry bundle");
  add->callback([n, exit_code] {
    ComplaintNewOptions o = *n;
    o.home = JianmeiHome();
    if (o.file.empty() && !::isatty(STDIN_FILENO)) o.file = "-";  // not a terminal: JSON on stdin
    *exit_code = RunComplaintNew(o, std::cin, std::cout, std::cerr);
  });

  auto x = std::make_shared<ComplaintExportOptions>();
  CLI::App* exp = cmd->add_subcommand(
      "export", "write the complaint with its cited evidence as a bundle, and the report for filing");
  exp->add_option("index", x->index, "the complaint's entry index")->required();
  exp->add_option("--out,-o", x->out, "bundle file ('-' = stdout)")->required();
  exp->add_option("--html", x->html, "also write the complaint report (Chinese, printable on A4)");
  exp->callback([x, &global, exit_code] {
    ComplaintExportOptions o = *x;
    o.home = JianmeiHome();
    o.global = global;
    *exit_code = RunComplaintExport(o, std::cout, std::cerr);
  });
}

}  // namespace jianmei::cli
