#include "cli/evidence_command.h"

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/rfc3339.h"
#include "cli/evidence_complaint_command.h"
#include "cli/evidence_complaints_command.h"
#include "cli/evidence_verify_command.h"
#include "cli/registry_home.h"
#include "core/utf8.h"
#include "evidence/bundle.h"
#include "evidence/complaint.h"
#include "evidence/report_html.h"
#include "evidence/tsa_client.h"
#include "store/evidence_export.h"
#include "store/evidence_log.h"
#include "store/files.h"

namespace jianmei::cli {
namespace {

using nlohmann::json;
namespace ev = jianmei::evidence;

constexpr int kOk = 0, kFailed = 1, kError = 2;

struct Options {
  // add
  std::string text, url, author, platform, posted_at, recorded_at, complaint_file, receipt;
  std::vector<std::string> attach;
  // show / proof / export / verify
  uint64_t index = 0;
  uint64_t size = 0, from = 0, to = 0, since = 0;
  std::vector<uint64_t> indices;
  std::string out, html;
  // init
  std::string origin;
  // checkpoint / verify: RFC 3161 time-stamping authority
  std::string tsa_url, tsa_cert;
};

int Fail(const Status& s, int code = kError) {
  std::cerr << "jianmei evidence: " << s.ToString() << "\n";
  return code;
}

std::string MediaType(const std::string& name) {
  auto dot = name.find_last_of('.');
  std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "png") return "image/png";
  if (ext == "webp") return "image/webp";
  if (ext == "mp4") return "video/mp4";
  if (ext == "pdf") return "application/pdf";
  if (ext == "html" || ext == "htm") return "text/html";
  if (ext == "txt") return "text/plain";
  return "application/octet-stream";
}

Result<std::unique_ptr<store::EvidenceLog>> OpenLog(const std::string& origin = "") {
  store::LogOptions o;
  o.home = JianmeiHome();
  o.origin = origin;
  return store::EvidenceLog::Open(o);
}

json EntryJson(uint64_t index, const ev::Entry& e, const ev::Hash& leaf) {
  json j = {{"index", index}, {"kind", ev::EntryKindName(e.kind)}, {"leaf_hash", ev::ToHex(leaf)},
            {"recorded_at", e.recorded_at}, {"url", e.url}, {"author", e.author},
            {"platform", e.platform}, {"posted_at", e.posted_at}, {"text", e.text}};
  if (!e.body.empty()) j["body"] = json::parse(e.body, nullptr, false);
  j["attachments"] = json::array();
  for (const auto& a : e.attachments) {
    j["attachments"].push_back({{"sha256", ev::ToHex(a.sha256)}, {"size", a.size},
                                {"media_type", a.media_type}, {"name", a.name}});
  }
  return j;
}

void Print(const json& j) { std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n"; }

int RunInit(const Options& o) {
  auto log = OpenLog(o.origin);
  if (!log.ok()) return Fail(log.status());
  Print({{"origin", (*log)->origin()}, {"verifier_key", (*log)->verifier().ToString()},
         {"size", (*log)->size()}});
  return kOk;
}

json HashesJson(const std::vector<ev::Hash>& hs) {
  json a = json::array();
  for (const auto& h : hs) a.push_back(ev::HashToBase64(h));
  return a;
}

Status WriteOut(const std::string& path, const std::string& data) {
  if (path == "-") {
    std::cout << data;
    return Status::Ok();
  }
  return store::WriteFileAtomic(path, data);
}

int RunAdd(const Options& o) {
  ev::Entry e;
  std::vector<std::string> blobs;
  for (const auto& [flag, value] :
       {std::pair{"--posted-at", &o.posted_at}, {"--recorded-at", &o.recorded_at}}) {
    if (!value->empty() && !ParseRfc3339(*value)) {
      return Fail(Status::InvalidArgument(
          std::string("add: ") + flag + " \"" + std::string(utf8::Prefix(*value, 40)) +
          "\" is not an RFC 3339 date-time (2021-07-26T10:00:00+08:00)"));
    }
  }
  if (!o.complaint_file.empty()) {
    auto text = o.complaint_file == "-" ? Result<std::string>(std::string(
                                              std::istreambuf_iterator<char>(std::cin), {}))
                                        : store::ReadFile(o.complaint_file);
    if (!text.ok()) return Fail(text.status());
    auto c = ev::ParseComplaint(*text);
    if (!c.ok()) return Fail(Status::InvalidArgument(o.complaint_file + ": " + c.status().message()));
    e = ev::ComplaintEntry(*c, o.recorded_at.empty() ? NowRfc3339() : o.recorded_at);
  } else {
    if (o.text.empty() && o.attach.empty()) {
      return Fail(Status::InvalidArgument("add: give --text and/or --attach, or --complaint"));
    }
    e.recorded_at = o.recorded_at.empty() ? NowRfc3339() : o.recorded_at;
    e.text = o.text;
    e.url = o.url;
    e.author = o.author;
    e.platform = o.platform;
    e.posted_at = o.posted_at;
  }
  for (const std::string& path : o.attach) {
    auto data = store::ReadFile(path);
    if (!data.ok()) return Fail(data.status());
    std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    e.attachments.push_back({ev::Sha256(*data), data->size(), MediaType(name), name});
    blobs.push_back(std::move(*data));
  }
  auto log = OpenLog();
  if (!log.ok()) return Fail(log.status());
  // Acknowledged only with a receipt: a signed checkpoint covering the entry and its proof.
  auto r = (*log)->AppendWithReceipt(e, blobs);
  if (!r.ok()) return Fail(r.status());
  if (!o.receipt.empty()) {
    auto b = store::ReceiptBundle(**log, *r);
    if (!b.ok()) return Fail(b.status());
    if (Status s = WriteOut(o.receipt, ev::BundleToJson(*b)); !s.ok()) return Fail(s);
  }
  Print({{"index", r->index}, {"leaf_hash", ev::ToHex(r->leaf)}, {"origin", (*log)->origin()},
         {"receipt",
          {{"tree_size", r->checkpoint.checkpoint.size}, {"checkpoint", r->checkpoint.note},
           {"proof", HashesJson(r->proof)}}}});
  return kOk;
}

int RunShow(const Options& o) {
  auto log = OpenLog();
  if (!log.ok()) return Fail(log.status());
  auto bytes = (*log)->EntryBytes(o.index);
  if (!bytes.ok()) return Fail(bytes.status(), kFailed);
  auto e = ev::DecodeEntry(*bytes);
  if (!e.ok()) return Fail(e.status());
  Print(EntryJson(o.index, *e, ev::HashLeaf(*bytes)));
  return kOk;
}


int RunProof(const Options& o, bool consistency) {
  auto log = OpenLog();
  if (!log.ok()) return Fail(log.status());
  if (consistency) {
    uint64_t to = o.to ? o.to : (*log)->size();
    auto p = (*log)->ConsistencyProof(o.from, to);
    if (!p.ok()) return Fail(p.status(), kFailed);
    Print({{"size1", o.from}, {"size2", to}, {"proof", HashesJson(*p)}});
    return kOk;
  }
  uint64_t size = o.size ? o.size : (*log)->size();
  auto p = (*log)->InclusionProof(o.index, size);
  if (!p.ok()) return Fail(p.status(), kFailed);
  auto bytes = (*log)->EntryBytes(o.index);
  if (!bytes.ok()) return Fail(bytes.status());
  auto root = ev::RootHash(**log, size);
  if (!root.ok()) return Fail(root.status());
  Print({{"index", o.index}, {"size", size}, {"leaf_hash", ev::HashToBase64(ev::HashLeaf(*bytes))},
         {"root", ev::HashToBase64(*root)}, {"proof", HashesJson(*p)}});
  return kOk;
}

Result<std::string> ReadTsaCert(const Options& o) {
  if (o.tsa_cert.empty()) return std::string();
  auto pem = store::ReadFile(o.tsa_cert);
  if (!pem.ok()) return Status::InvalidArgument("--tsa-cert: " + pem.status().message());
  return pem;
}

int RunCheckpoint(const Options& o) {
  auto pem = ReadTsaCert(o);
  if (!pem.ok()) return Fail(pem.status());
  store::TimestampFn timestamp;
  if (!o.tsa_url.empty()) {
    ev::TsaConfig tsa{o.tsa_url, *pem};
    timestamp = [tsa](std::string_view note) { return ev::RequestTimestamp(tsa, note); };
  }
  auto log = OpenLog();
  if (!log.ok()) return Fail(log.status());
  auto c = (*log)->MakeCheckpoint(timestamp);
  if (!c.ok()) return Fail(c.status());
  std::cout << c->note;
  std::cerr << "origin: " << (*log)->origin() << "\nverifier key: " << (*log)->verifier().ToString() << "\n";
  if (!c->timestamp_token.empty()) {
    auto info = ev::VerifyTimestampToken(c->timestamp_token, c->note, *pem);
    if (!info.ok()) return Fail(info.status());
    std::cerr << "timestamp: " << info->gen_time << " (serial " << info->serial << ")\n";
  } else if (!o.tsa_url.empty()) {
    std::cerr << "timestamp: none (a checkpoint of this size was stored already, without one; "
                 "checkpoints are append-only)\n";
  }
  return kOk;
}


int RunExport(const Options& o) {
  auto log = OpenLog();
  if (!log.ok()) return Fail(log.status());
  auto b = store::ExportBundle(**log, o.indices, o.since);
  if (!b.ok()) return Fail(b.status(), kFailed);
  if (Status s = WriteOut(o.out, ev::BundleToJson(*b)); !s.ok()) return Fail(s);
  if (!o.html.empty()) {
    // The log's own key, read from its database: the report is authenticated by it.
    auto report = ev::VerifyBundle(*b, {{(*log)->verifier()}, ""});
    if (!report.ok()) return Fail(report.status());
    if (Status s = WriteOut(o.html, ev::RenderHtmlReport(*report)); !s.ok()) return Fail(s);
  }
  return kOk;
}

}  // namespace

void AddEvidenceCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "evidence", "tamper-evident evidence archive (log in $JIANMEI_HOME, default ./.jianmei/)");
  cmd->require_subcommand(1);

  CLI::App* init = cmd->add_subcommand(
      "init", "create the log (any command does) and print its origin and verifier key");
  init->add_option("--origin", o->origin,
                   "origin for a new log (default: jianmei.local/evidence/<16 hex of its key hash>)");
  init->callback([o, exit_code] { *exit_code = RunInit(*o); });

  CLI::App* add = cmd->add_subcommand(
      "add", "record a captured post or a complaint; prints its signed receipt");
  add->add_option("--text", o->text, "the post text as captured");
  add->add_option("--url", o->url, "where it was posted");
  add->add_option("--author", o->author, "the posting account");
  add->add_option("--platform", o->platform, "platform name");
  add->add_option("--posted-at", o->posted_at, "when it was posted (RFC 3339)");
  add->add_option("--recorded-at", o->recorded_at, "when it was captured (default: now, UTC)");
  add->add_option("--attach", o->attach, "file to keep with the entry (repeatable)");
  add->add_option("--complaint", o->complaint_file, "complaint record JSON file ('-' = stdin)");
  add->add_option("--receipt", o->receipt,
                  "also write the receipt as a one-entry bundle ('evidence verify' checks it)");
  add->callback([o, exit_code] { *exit_code = RunAdd(*o); });

  CLI::App* show = cmd->add_subcommand("show", "print an entry as JSON");
  show->add_option("index", o->index, "entry index")->required();
  show->callback([o, exit_code] { *exit_code = RunShow(*o); });

  CLI::App* proof = cmd->add_subcommand("proof", "inclusion proof of an entry, or --from/--to consistency");
  proof->add_option("index", o->index, "entry index");
  proof->add_option("--size", o->size, "tree size (default: current)");
  auto* from = proof->add_option("--from", o->from, "consistency proof from this size");
  proof->add_option("--to", o->to, "consistency proof to this size (default: current)");
  proof->callback([o, exit_code, from] { *exit_code = RunProof(*o, from->count() > 0); });

  CLI::App* cp = cmd->add_subcommand("checkpoint", "sign a checkpoint of the log as it is now");
  cp->add_option("--tsa", o->tsa_url, "RFC 3161 time-stamping authority URL (http[s]://...)")
      ->envname("JIANMEI_TSA_URL");
  cp->add_option("--tsa-cert", o->tsa_cert, "PEM certificate the TSA must chain to")
      ->envname("JIANMEI_TSA_CERT");
  cp->callback([o, exit_code] { *exit_code = RunCheckpoint(*o); });

  CLI::App* exp = cmd->add_subcommand("export", "write a self-contained bundle of entries");
  exp->add_option("indices", o->indices, "entry indices")->required();
  exp->add_option("--out,-o", o->out, "bundle file ('-' = stdout)")->required();
  exp->add_option("--html", o->html, "also write a printable HTML report");
  exp->add_option("--since", o->since,
                  "also prove the tree extends the stored checkpoint of this size (consistency)");
  exp->callback([o, exit_code] { *exit_code = RunExport(*o); });

  AddVerifySubcommand(cmd, exit_code);

  AddComplaintsSubcommand(cmd, global, exit_code);
  AddComplaintSubcommand(cmd, global, exit_code);
}

}  // namespace jianmei::cli
