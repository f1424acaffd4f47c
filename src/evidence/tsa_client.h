// Fetching an RFC 3161 token for a message from a time-stamping authority over HTTP(S)
// (RFC 3161 §3.4: POST application/timestamp-query, answer application/timestamp-reply). The
// token is checked against the query (imprint, nonce) and, when `trusted_pem` is set, against
// the TSA's certificate before it is returned. Blocking; safe to call from several threads.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace jianmei::evidence {

struct TsaConfig {
  std::string url;          // http://host[:port]/path or https://...
  std::string trusted_pem;  // PEM certificate(s) the TSA must chain to; empty = not checked
  int timeout_seconds = 30;
};

inline constexpr size_t kMaxTsaResponseBytes = 1 << 20;

// Returns the DER token over `message`.
Result<std::string> RequestTimestamp(const TsaConfig& tsa, std::string_view message);

}  // namespace jianmei::evidence
