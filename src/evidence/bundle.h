// The self-contained evidence bundle (doc/evidence_format.md, "Bundle"): entries with their
// inclusion proofs, the blobs they reference, the signed checkpoint they are proved against,
// the log's verifier key and an optional timestamp token. ParseBundle takes untrusted JSON and
// enforces the limits below; VerifyBundle checks everything offline with no database. Plain
// value types; functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "evidence/checkpoint.h"
#include "evidence/entry.h"
#include "evidence/hash.h"
#include "evidence/signer.h"
#include "evidence/timestamp.h"
#include "evidence/trust.h"

namespace jianmei::evidence {

inline constexpr std::string_view kBundleFormat = "jianmei-evidence-bundle/1";
inline constexpr size_t kMaxBundleBytes = 256 << 20;  // whole JSON document
inline constexpr size_t kMaxBundleEntries = 100000;
inline constexpr size_t kMaxProofHashes = 64;

struct BundleEntry {
  uint64_t index = 0;
  std::string data;  // canonical entry bytes
  std::vector<Hash> proof;
};

// A proof that the bundle's tree extends an older checkpoint of the same log.
struct BundleConsistency {
  std::string from_checkpoint;  // the older signed note, same key and origin
  std::vector<Hash> proof;      // RFC 9162 consistency proof from its size to the bundle's
};

struct Bundle {
  std::string verifier_key;
  std::string checkpoint;       // signed note text
  std::string timestamp_token;  // RFC 3161 DER, may be empty
  std::vector<BundleEntry> entries;
  std::map<Hash, std::string> blobs;
  std::optional<BundleConsistency> consistency;
};

std::string BundleToJson(const Bundle& bundle);
Result<Bundle> ParseBundle(std::string_view json_text);

struct VerifiedEntry {
  uint64_t index = 0;
  Hash leaf{};
  Entry entry;
};

struct BundleReport {
  Checkpoint checkpoint;
  std::string verifier_key;
  // Whether the signer is authenticated by what the caller pinned (evidence/trust.h), and how
  // (or why not). When false, the bundle is only self-consistent: anyone could have signed it.
  bool authenticated = false;
  std::string trust_basis;
  std::optional<TimestampInfo> timestamp;  // set when the bundle's token verified
  std::optional<Checkpoint> consistent_with;  // the older checkpoint the tree was proved to extend
  std::vector<VerifiedEntry> entries;
};

// Checks the checkpoint signature under the bundle's key and that key against `trust`
// (DecideTrust: a contradicted pin fails; no pin leaves the report unauthenticated), every
// entry's encoding and inclusion proof, and every blob. A timestamp token, when present, must be
// over the exact checkpoint note; when `tsa_trusted_pem` is non-empty the token is required and
// its signature must chain to those certificates.
Result<BundleReport> VerifyBundle(const Bundle& bundle, const TrustAnchors& trust = {},
                                  std::string_view tsa_trusted_pem = {});

}  // namespace jianmei::evidence
