#include "evidence/verifier.h"

#include <algorithm>
#include <string>
#include <vector>

namespace jianmei::evidence {
namespace {

std::string N(uint64_t v) { return std::to_string(v); }

Result<Hash> Exact(std::string_view bytes, const std::string& what) {
  if (bytes.size() != kHashSize) {
    return Status::InvalidArgument(what + " must be 32 bytes, got " + N(bytes.size()));
  }
  Hash h{};
  std::copy(bytes.begin(), bytes.end(), reinterpret_cast<char*>(h.data()));
  return h;
}

Result<std::vector<Hash>> ExactAll(std::span<const std::string> proof) {
  std::vector<Hash> out;
  for (size_t i = 0; i < proof.size(); ++i) {
    auto h = Exact(proof[i], "proof hash " + N(i));
    if (!h.ok()) return h.status();
    out.push_back(*h);
  }
  return out;
}

// Two trees of the same size are consistent only with an empty proof and equal roots.
template <typename Root>
Status CheckEqualSizes(size_t proof_size, const Root& root1, const Root& root2) {
  if (proof_size != 0) {
    return Status::InvalidArgument("consistency: sizes are equal but the proof has " +
                                   N(proof_size) + " hashes");
  }
  if (root1 != root2) return Status::InvalidArgument("consistency: sizes are equal but roots differ");
  return Status::Ok();
}

}  // namespace

Result<Hash> RootFromInclusionProof(uint64_t index, uint64_t size, const Hash& leaf,
                                    std::span<const Hash> proof) {
  if (index >= size) {
    return Status::InvalidArgument("inclusion: index " + N(index) + " >= tree size " + N(size));
  }
  uint64_t fn = index, sn = size - 1;
  Hash r = leaf;
  for (size_t i = 0; i < proof.size(); ++i) {
    if (sn == 0) {
      return Status::InvalidArgument("inclusion: proof has " + N(proof.size()) +
                                     " hashes, more than the " + N(i) + " the tree needs");
    }
    if ((fn & 1) || fn == sn) {
      r = HashChildren(proof[i], r);
      while (!(fn & 1) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = HashChildren(r, proof[i]);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) {
    return Status::InvalidArgument("inclusion: proof of " + N(proof.size()) +
                                   " hashes is too short for index " + N(index) + " in size " +
                                   N(size));
  }
  return r;
}

Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf,
                       std::span<const Hash> proof, const Hash& root) {
  Result<Hash> got = RootFromInclusionProof(index, size, leaf, proof);
  if (!got.ok()) return got.status();
  if (*got != root) {
    return Status::InvalidArgument("inclusion: computed root " + ToHex(*got) +
                                   " does not match expected root " + ToHex(root));
  }
  return Status::Ok();
}

Status VerifyConsistency(uint64_t size1, uint64_t size2, std::span<const Hash> proof,
                         const Hash& root1, const Hash& root2) {
  if (size1 > size2) {
    return Status::InvalidArgument("consistency: size1 " + N(size1) + " > size2 " + N(size2));
  }
  if (size1 == 0) {
    return Status::InvalidArgument("consistency: a proof from the empty tree proves nothing");
  }
  if (size1 == size2) return CheckEqualSizes(proof.size(), root1, root2);
  if (proof.empty()) return Status::InvalidArgument("consistency: empty proof");

  // RFC 9162 section 2.1.4.2.
  bool pow2 = (size1 & (size1 - 1)) == 0;
  size_t i = 0;
  Hash fr = pow2 ? root1 : proof[i++];
  Hash sr = fr;
  uint64_t fn = size1 - 1, sn = size2 - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  for (; i < proof.size(); ++i) {
    if (sn == 0) {
      return Status::InvalidArgument("consistency: proof has more hashes than sizes " + N(size1) +
                                     " -> " + N(size2) + " need");
    }
    const Hash& c = proof[i];
    if ((fn & 1) || fn == sn) {
      fr = HashChildren(c, fr);
      sr = HashChildren(c, sr);
      while (!(fn & 1) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = HashChildren(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) {
    return Status::InvalidArgument("consistency: proof is too short for sizes " + N(size1) +
                                   " -> " + N(size2));
  }
  if (fr != root1) return Status::InvalidArgument("consistency: proof does not match root1");
  if (sr != root2) return Status::InvalidArgument("consistency: proof does not match root2");
  return Status::Ok();
}

Status VerifyConsistencyRaw(uint64_t size1, uint64_t size2, std::span<const std::string> proof,
                            std::string_view root1, std::string_view root2) {
  auto hashes = ExactAll(proof);
  if (!hashes.ok()) return Status::InvalidArgument("consistency: " + hashes.status().message());
  if (size1 == size2 && size1 > 0) return CheckEqualSizes(proof.size(), root1, root2);
  auto r1 = Exact(root1, "root1");
  if (!r1.ok()) return Status::InvalidArgument("consistency: " + r1.status().message());
  auto r2 = Exact(root2, "root2");
  if (!r2.ok()) return Status::InvalidArgument("consistency: " + r2.status().message());
  return VerifyConsistency(size1, size2, *hashes, *r1, *r2);
}

Status VerifyInclusionRaw(uint64_t index, uint64_t size, std::string_view leaf,
                          std::span<const std::string> proof, std::string_view root) {
  auto hashes = ExactAll(proof);
  if (!hashes.ok()) return Status::InvalidArgument("inclusion: " + hashes.status().message());
  auto l = Exact(leaf, "leaf hash");
  if (!l.ok()) return Status::InvalidArgument("inclusion: " + l.status().message());
  auto r = Exact(root, "root");
  if (!r.ok()) return Status::InvalidArgument("inclusion: " + r.status().message());
  return VerifyInclusion(index, size, *l, *hashes, *r);
}

}  // namespace jianmei::evidence
