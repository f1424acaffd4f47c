#include "evidence/report_html.h"

namespace jianmei::evidence {
namespace {

void Row(std::string* out, std::string_view label, std::string_view value) {
  *out += "<tr><th>" + HtmlEscape(label) + "</th><td>" + HtmlEscape(value) + "</td></tr>\n";
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string RenderHtmlReport(const BundleReport& r) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
      "<title>证据核验报告 Evidence verification report</title>"
      "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto}"
      "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}"
      "th,td{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}"
      "th{width:12em;background:#eee}td{word-break:break-all;white-space:pre-wrap}</style>"
      "</head><body>\n<h1>证据核验报告 Evidence verification report</h1>\n";
  if (!r.authenticated) {
    // First, before anything that could be read as proof: who signed is not established.
    out += "<p style=\"border:3px solid #c00;padding:8px;font-weight:bold\">未认证 NOT "
           "AUTHENTICATED: 未核实签名者身份，本报告不证明证据来自哪个日志。 Nothing below is "
           "authenticated: " +
           HtmlEscape(r.trust_basis) + ".</p>\n";
  }
  out +=
      "<p>Every entry below was checked offline: its bytes hash into the signed checkpoint "
      "through the inclusion proof in the bundle, and every attachment matches its SHA-256.</p>\n"
      "<h2>Checkpoint</h2>\n<table>\n";
  Row(&out, "Log (origin)", r.checkpoint.origin);
  Row(&out, "Tree size", std::to_string(r.checkpoint.size));
  Row(&out, "Root hash (SHA-256)", ToHex(r.checkpoint.root));
  Row(&out, "Log key", r.verifier_key);
  Row(&out, "Key check", r.authenticated ? "authenticated: " + r.trust_basis
                                         : "NOT AUTHENTICATED: " + r.trust_basis);
  if (!r.timestamp) {
    Row(&out, "Trusted timestamp", "none");
  } else {
    Row(&out, "Trusted timestamp (RFC 3161)",
        r.timestamp->gen_time + " — serial " + r.timestamp->serial + ", policy " +
            r.timestamp->policy + "; token is over this checkpoint; " +
            (r.timestamp->signature_checked
                 ? "signature checked against the TSA certificate supplied by the verifier"
                 : "TSA signature not checked (no TSA certificate supplied)"));
  }
  if (r.consistent_with) {
    Row(&out, "Extends (consistency proof)",
        "consistent with the checkpoint at size " + std::to_string(r.consistent_with->size) +
            ", root " + ToHex(r.consistent_with->root) + " (signed by the same key)");
  }
  out += "</table>\n";
  for (const VerifiedEntry& v : r.entries) {
    const Entry& e = v.entry;
    out += "<h2>Entry " + std::to_string(v.index) + " (" + EntryKindName(e.kind) + ")</h2>\n<table>\n";
    Row(&out, "Leaf hash", ToHex(v.leaf));
    Row(&out, "Recorded at", e.recorded_at);
    if (!e.url.empty()) Row(&out, "URL", e.url);
    if (!e.author.empty()) Row(&out, "Author", e.author);
    if (!e.platform.empty()) Row(&out, "Platform", e.platform);
    if (!e.posted_at.empty()) Row(&out, "Posted at", e.posted_at);
    Row(&out, "Text", e.text);
    if (!e.body.empty()) Row(&out, "Record (JSON)", e.body);
    for (const Attachment& a : e.attachments) {
      Row(&out, "Attachment", a.name + " (" + a.media_type + ", " + std::to_string(a.size) +
                                  " bytes, SHA-256 " + ToHex(a.sha256) + ")");
    }
    out += "</table>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace jianmei::evidence
