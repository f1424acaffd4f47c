#include "evidence/tsa_client.h"

#include <httplib.h>

#include "evidence/timestamp.h"

namespace jianmei::evidence {
namespace {

Status Bad(const TsaConfig& tsa, const std::string& why) {
  return Status::IoError("timestamp authority " + tsa.url + ": " + why);
}

}  // namespace

Result<std::string> RequestTimestamp(const TsaConfig& tsa, std::string_view message) {
  // Split "scheme://host[:port]" from the path; httplib takes them apart.
  size_t scheme_end = tsa.url.find("://");
  if (scheme_end == std::string::npos ||
      (tsa.url.compare(0, scheme_end, "http") != 0 && tsa.url.compare(0, scheme_end, "https") != 0)) {
    return Status::InvalidArgument("timestamp authority: \"" + tsa.url +
                                   "\" is not an http:// or https:// URL");
  }
  size_t path_start = tsa.url.find('/', scheme_end + 3);
  std::string origin = tsa.url.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "/" : tsa.url.substr(path_start);

  auto query = MakeTimestampQuery(message);
  if (!query.ok()) return query.status();
  httplib::Client client(origin);
  if (!client.is_valid()) return Bad(tsa, "cannot make a client for " + origin);
  client.set_connection_timeout(tsa.timeout_seconds, 0);
  client.set_read_timeout(tsa.timeout_seconds, 0);
  client.set_write_timeout(tsa.timeout_seconds, 0);
  auto res = client.Post(path, {}, query->data(), query->size(), "application/timestamp-query");
  if (!res) return Bad(tsa, "request failed: " + httplib::to_string(res.error()));
  if (res->status != 200) return Bad(tsa, "HTTP status " + std::to_string(res->status));
  if (res->get_header_value("Content-Type").rfind("application/timestamp-reply", 0) != 0) {
    return Bad(tsa, "answered with Content-Type \"" + res->get_header_value("Content-Type") +
                        "\", not application/timestamp-reply");
  }
  if (res->body.size() > kMaxTsaResponseBytes) {
    return Bad(tsa, "answer larger than " + std::to_string(kMaxTsaResponseBytes) + " bytes");
  }
  auto token = TokenFromResponse(*query, res->body);
  if (!token.ok()) return Bad(tsa, token.status().message());
  // Check the token as a verifier later will, so a log never stores one that cannot verify.
  if (auto info = VerifyTimestampToken(*token, message, tsa.trusted_pem); !info.ok()) {
    return Bad(tsa, info.status().message());
  }
  return token;
}

}  // namespace jianmei::evidence
