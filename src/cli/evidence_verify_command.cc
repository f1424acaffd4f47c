#include "cli/evidence_verify_command.h"

#include <iostream>
#include <iterator>
#include <memory>

#include "cli/app.h"
#include "evidence/bundle.h"
#include "evidence/report_html.h"
#include "evidence/trust.h"
#include "store/files.h"

namespace jianmei::cli {
namespace {

namespace ev = jianmei::evidence;

Result<std::string> ReadInput(const std::string& path) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
  return store::ReadFile(path);
}

Result<ev::TrustAnchors> Anchors(const VerifyOptions& o) {
  ev::TrustAnchors a;
  for (const std::string& k : o.keys) {
    auto v = ev::NoteVerifier::Parse(k);
    if (!v.ok()) return Status::InvalidArgument("--key " + k + ": " + v.status().message());
    a.keys.push_back(*v);
  }
  if (!o.trusted_keys.empty()) {
    auto text = store::ReadFile(o.trusted_keys);
    if (!text.ok()) return Status::InvalidArgument("--trusted-keys: " + text.status().message());
    auto keys = ev::ParseTrustedKeys(*text, o.trusted_keys);
    if (!keys.ok()) return Status::InvalidArgument("--trusted-keys " + keys.status().message());
    a.keys.insert(a.keys.end(), keys->begin(), keys->end());
  }
  a.origin = o.origin;
  return a;
}

int Fail(std::ostream& err, const Status& s, int code = kExitFailure) {
  err << "jianmei evidence: " << s.ToString() << "\n";
  return code;
}

}  // namespace

int RunVerify(const VerifyOptions& o, std::ostream& out, std::ostream& err) {
  auto anchors = Anchors(o);
  if (!anchors.ok()) return Fail(err, anchors.status());
  std::string pem;
  if (!o.tsa_cert.empty()) {
    auto text = store::ReadFile(o.tsa_cert);
    if (!text.ok()) return Fail(err, Status::InvalidArgument("--tsa-cert: " + text.status().message()));
    pem = *text;
  }
  auto text = ReadInput(o.bundle);
  if (!text.ok()) return Fail(err, text.status());
  auto b = ev::ParseBundle(*text);
  if (!b.ok()) {
    out << "FAILED: " << o.bundle << ": " << b.status().message() << "\n";
    return kExitVerifyFailed;
  }
  auto report = ev::VerifyBundle(*b, *anchors, pem);
  if (!report.ok()) {
    out << "FAILED: " << report.status().message() << "\n";
    return kExitVerifyFailed;
  }
  const ev::BundleReport& r = *report;
  if (!r.authenticated) {
    out << "NOT AUTHENTICATED: nothing was authenticated: " << r.trust_basis << "\n"
        << "self-consistent only: " << r.entries.size() << " entries hash into a checkpoint of "
        << r.checkpoint.origin << " at size " << r.checkpoint.size << " signed by the key the bundle "
        << "carries, " << r.verifier_key << "\n";
  } else {
    out << "OK: " << r.entries.size() << " entries proved in " << r.checkpoint.origin << " at size "
        << r.checkpoint.size << ", root " << ev::ToHex(r.checkpoint.root) << "\n"
        << "signer: " << r.trust_basis << ": " << r.verifier_key << "\n";
  }
  if (r.consistent_with) {
    out << "extends: the checkpoint at size " << r.consistent_with->size << ", root "
        << ev::ToHex(r.consistent_with->root) << " (consistency proof checked)\n";
  }
  if (!r.timestamp) {
    out << "timestamp: none\n";
  } else {
    out << "timestamp: " << r.timestamp->gen_time << " (serial " << r.timestamp->serial
        << ", policy " << r.timestamp->policy << "), over this checkpoint; "
        << (r.timestamp->signature_checked ? "TSA signature checked against " + o.tsa_cert
                                           : std::string("TSA signature not checked (pass --tsa-cert)"))
        << "\n";
  }
  if (!o.html.empty()) {
    std::string html = ev::RenderHtmlReport(r);
    if (o.html == "-") {
      out << html;
    } else if (Status s = store::WriteFileAtomic(o.html, html); !s.ok()) {
      return Fail(err, s);
    }
  }
  return r.authenticated ? kExitOk : kExitUnauthenticated;
}

void AddVerifySubcommand(CLI::App* evidence, int* exit_code) {
  auto o = std::make_shared<VerifyOptions>();
  CLI::App* ver = evidence->add_subcommand(
      "verify", "check a bundle offline (no database needed); exit 3 when nothing pinned its signer");
  ver->add_option("bundle", o->bundle, "bundle file ('-' = stdin)")->required();
  ver->add_option("--key", o->keys, "the log's verifier key to pin (name+id+key; repeatable)");
  ver->add_option("--trusted-keys", o->trusted_keys,
                  "file of trusted verifier keys, one per line ('#' comments)");
  ver->add_option("--origin", o->origin,
                  "the log's origin to pin (authenticates the key when derived from it)");
  ver->add_option("--html", o->html, "write a printable HTML report of the verified bundle");
  ver->add_option("--tsa-cert", o->tsa_cert,
                  "PEM certificate the timestamp's TSA must chain to (then a token is required)");
  ver->callback([o, exit_code] { *exit_code = RunVerify(*o, std::cout, std::cerr); });
}

}  // namespace jianmei::cli
