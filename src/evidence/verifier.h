// Pure verification of RFC 9162 inclusion and consistency proofs. No storage, no I/O; every
// function is thread-safe. Errors say which check failed.
//
// Policy (matches the transparency-dev test vectors): hashes are exactly 32 bytes (enforced by
// the Hash type; parse with HashFromBase64), and a consistency proof from size 0 is rejected.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"
#include "evidence/hash.h"

namespace jianmei::evidence {

// Root implied by an inclusion proof for `leaf` at `index` in a tree of `size` leaves.
Result<Hash> RootFromInclusionProof(uint64_t index, uint64_t size, const Hash& leaf,
                                    std::span<const Hash> proof);
Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf,
                       std::span<const Hash> proof, const Hash& root);
Status VerifyConsistency(uint64_t size1, uint64_t size2, std::span<const Hash> proof,
                         const Hash& root1, const Hash& root2);

// The same over undecoded byte strings, for callers holding hashes of unchecked length (the test
// vectors, untrusted input). Proof hashes must be 32 bytes. When size1 == size2 (> 0) the claim
// is only that the two heads are identical, so the roots are compared as byte strings without a
// length rule, as the transparency-dev suite expects ("sizes are equal (one) and proof is
// empty"); otherwise both roots must be 32 bytes.
Status VerifyConsistencyRaw(uint64_t size1, uint64_t size2, std::span<const std::string> proof,
                            std::string_view root1, std::string_view root2);
// Inclusion over undecoded byte strings: the leaf, root and every proof hash must be 32 bytes.
Status VerifyInclusionRaw(uint64_t index, uint64_t size, std::string_view leaf,
                          std::span<const std::string> proof, std::string_view root);

}  // namespace jianmei::evidence
