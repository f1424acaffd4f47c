// Who a bundle's signature is trusted to come from (doc/evidence_format.md, "Identity"). A
// bundle carries its own verifier key, so its signature alone proves nothing about which log
// signed it: a forger signs with a key of their own. The verifier pins the log by its key
// (`--key`, `--trusted-keys FILE`) or by an origin derived from its key (`--origin`); without a
// pin, a bundle is at most self-consistent. Plain value types; functions are pure and
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "evidence/checkpoint.h"
#include "evidence/signer.h"

namespace jianmei::evidence {

// A new log's default origin (and key name): kDerivedOriginPrefix followed by the first 16 hex
// digits (64 bits) of SHA-256 of the log's raw 32-byte Ed25519 public key. 64 bits, so that
// finding another key with the same origin takes about 2^64 key generations.
inline constexpr std::string_view kDerivedOriginPrefix = "jianmei.local/evidence/";
inline constexpr size_t kDerivedOriginHexDigits = 16;
std::string DerivedOrigin(std::string_view public_key);
// True when `origin` has the shape of a derived origin (prefix, then 16 lowercase hex digits).
bool IsDerivedOrigin(std::string_view origin);

inline constexpr size_t kMaxTrustedKeys = 1000;

struct TrustAnchors {
  std::vector<NoteVerifier> keys;  // the bundle's key must be one of these, when any are given
  std::string origin;              // the checkpoint's origin must be this, when given
};

// A trusted-keys file: one verifier key (<name>+<key id>+<base64 key>) per line; blank lines
// and lines starting with '#' are ignored. Errors name `where` and the line.
Result<std::vector<NoteVerifier>> ParseTrustedKeys(std::string_view text, std::string_view where);

struct TrustDecision {
  bool authenticated = false;
  std::string basis;  // how the key was authenticated, or why it was not
};

// Fails when a pin is contradicted: the key is not among `anchors.keys`, the checkpoint's origin
// is not `anchors.origin`, or the pinned origin is a derived one and the key is not the one it is
// derived from (or not named by it). Otherwise says whether the signer is authenticated: by a
// pinned key, or by a pinned derived origin. A custom origin pinned alone authenticates nothing:
// anyone can sign a checkpoint that claims it.
Result<TrustDecision> DecideTrust(const TrustAnchors& anchors, const NoteVerifier& bundle_key,
                                  const Checkpoint& checkpoint);

}  // namespace jianmei::evidence
