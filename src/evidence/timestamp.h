// RFC 3161 trusted timestamps over checkpoints, with OpenSSL's TS API. A query asks for a token
// over SHA-256 of the exact signed-note text, with a random 64-bit nonce and certReq set (so the
// token carries the TSA's certificate). The token is the TimeStampToken (CMS SignedData, DER)
// taken from the TSA's response. Inputs are untrusted bytes; every function is pure and
// thread-safe. See doc/evidence_format.md, "Timestamp".
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace jianmei::evidence {

inline constexpr size_t kMaxTimestampTokenBytes = 64 << 10;

// A DER TimeStampReq for `message`.
Result<std::string> MakeTimestampQuery(std::string_view message);

// Checks that a DER TimeStampResp was granted and answers `query_der` (version, imprint, nonce),
// and returns the DER token inside it. Does not check the TSA's signature.
Result<std::string> TokenFromResponse(std::string_view query_der, std::string_view response_der);

struct TimestampInfo {
  std::string gen_time;  // the TSA's time, "YYYY-MM-DDTHH:MM:SSZ" (fraction dropped)
  std::string serial;    // hex
  std::string policy;    // dotted OID
  bool signature_checked = false;
};

// Parses a DER token and checks that its imprint is SHA-256 of `message`. When `trusted_pem`
// (one or more PEM certificates) is non-empty, also checks the token's signature and that the
// signing certificate is a time-stamping certificate chaining to one of them (a trusted
// certificate may itself be the TSA's: partial chains are accepted).
Result<TimestampInfo> VerifyTimestampToken(std::string_view token_der, std::string_view message,
                                           std::string_view trusted_pem = {});

}  // namespace jianmei::evidence
