// The log's tree hashing and proofs against the RFC 6962 known answers and against a tiny
// recursive reference built straight from the RFC 9162 definitions.
#include "evidence/tree.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "evidence/verifier.h"

namespace jianmei::evidence {
namespace {

// The eight leaf inputs of the RFC 6962 / certificate-transparency reference tests.
const std::vector<std::string> kRfcLeaves = {
    std::string(),
    std::string("\x00", 1),
    std::string("\x10", 1),
    std::string("\x20\x21", 2),
    std::string("\x30\x31", 2),
    std::string("\x40\x41\x42\x43", 4),
    std::string("\x50\x51\x52\x53\x54\x55\x56\x57", 8),
    std::string("\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f", 16),
};

// Roots of the trees of the first 1..8 of those leaves (published with the reference tests).
const char* const kRfcRoots[] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

Hash H(const char* hex) {
  auto h = HashFromHex(hex);
  EXPECT_TRUE(h.ok()) << hex;
  return h.ok() ? *h : Hash{};
}

std::vector<Hash> Hs(std::initializer_list<const char*> hexes) {
  std::vector<Hash> out;
  for (const char* h : hexes) out.push_back(H(h));
  return out;
}

MemoryTree RfcTree(size_t n) {
  MemoryTree t;
  for (size_t i = 0; i < n; ++i) t.Append(HashLeaf(kRfcLeaves[i]));
  return t;
}

TEST(TreeTest, EmptyTreeRootIsHashOfNothing) {
  MemoryTree t;
  EXPECT_EQ(ToHex(t.Root()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(*RootHash(t, 0), t.Root());
}

TEST(TreeTest, RfcRootsForEverySize) {
  for (size_t n = 1; n <= 8; ++n) {
    MemoryTree t = RfcTree(n);
    EXPECT_EQ(ToHex(t.Root()), kRfcRoots[n - 1]) << "size " << n;
    EXPECT_EQ(ToHex(*RootHash(t, n)), kRfcRoots[n - 1]) << "size " << n;
  }
}

TEST(TreeTest, RfcInclusionProofs) {
  struct Case {
    uint64_t index, size;
    std::vector<Hash> proof;
  };
  std::vector<Case> cases = {
      {0, 1, {}},
      {0, 8,
       Hs({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
           "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
           "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"})},
      {5, 8,
       Hs({"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
           "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
           "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
      {2, 3, Hs({"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"})},
      {1, 5,
       Hs({"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
           "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
           "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})},
  };
  MemoryTree t = RfcTree(8);
  for (const Case& c : cases) {
    auto proof = InclusionProof(t, c.index, c.size);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    EXPECT_EQ(*proof, c.proof) << c.index << "/" << c.size;
    EXPECT_TRUE(VerifyInclusion(c.index, c.size, HashLeaf(kRfcLeaves[c.index]), c.proof,
                                H(kRfcRoots[c.size - 1]))
                    .ok());
  }
}

TEST(TreeTest, RfcConsistencyProofs) {
  struct Case {
    uint64_t size1, size2;
    std::vector<Hash> proof;
  };
  std::vector<Case> cases = {
      {1, 1, {}},
      {1, 8,
       Hs({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
           "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
           "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"})},
      {6, 8,
       Hs({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
           "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
           "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
      {2, 5,
       Hs({"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
           "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})},
  };
  MemoryTree t = RfcTree(8);
  for (const Case& c : cases) {
    auto proof = ConsistencyProof(t, c.size1, c.size2);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    EXPECT_EQ(*proof, c.proof) << c.size1 << "->" << c.size2;
    EXPECT_TRUE(VerifyConsistency(c.size1, c.size2, c.proof, H(kRfcRoots[c.size1 - 1]),
                                  H(kRfcRoots[c.size2 - 1]))
                    .ok());
  }
}

// The reference: RFC 9162 section 2.1 read literally, over the leaf list (memoised MTH only to
// keep the run short; the recursion is the definition).
class Reference {
 public:
  explicit Reference(std::vector<Hash> leaves) : leaves_(std::move(leaves)) {}

  Hash Mth(size_t b, size_t e) {
    auto key = std::make_pair(b, e);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    Hash h;
    if (e - b == 1) {
      h = leaves_[b];
    } else {
      size_t k = 1;
      while (k * 2 < e - b) k *= 2;
      h = HashChildren(Mth(b, b + k), Mth(b + k, e));
    }
    memo_[key] = h;
    return h;
  }
  std::vector<Hash> Path(size_t m, size_t b, size_t e) {
    if (e - b == 1) return {};
    size_t k = 1;
    while (k * 2 < e - b) k *= 2;
    std::vector<Hash> p = m < k ? Path(m, b, b + k) : Path(m - k, b + k, e);
    p.push_back(m < k ? Mth(b + k, e) : Mth(b, b + k));
    return p;
  }
  std::vector<Hash> Subproof(size_t m, size_t b, size_t e, bool whole) {
    if (m == e - b) return whole ? std::vector<Hash>{} : std::vector<Hash>{Mth(b, e)};
    size_t k = 1;
    while (k * 2 < e - b) k *= 2;
    std::vector<Hash> p = m <= k ? Subproof(m, b, b + k, whole) : Subproof(m - k, b + k, e, false);
    p.push_back(m <= k ? Mth(b + k, e) : Mth(b, b + k));
    return p;
  }

 private:
  std::vector<Hash> leaves_;
  std::map<std::pair<size_t, size_t>, Hash> memo_;
};

constexpr size_t kMaxSize = 256;

struct Fixture {
  std::vector<Hash> leaves;
  MemoryTree tree;
  Reference ref{{}};
  std::vector<Hash> roots;  // roots[n] = reference root of size n (n >= 1)
};

Fixture& Shared() {
  static Fixture* f = [] {
    auto* f = new Fixture;
    for (size_t i = 0; i < kMaxSize; ++i) {
      f->leaves.push_back(HashLeaf("leaf " + std::to_string(i)));
      f->tree.Append(f->leaves.back());
    }
    f->ref = Reference(f->leaves);
    f->roots.resize(kMaxSize + 1);
    for (size_t n = 1; n <= kMaxSize; ++n) f->roots[n] = f->ref.Mth(0, n);
    return f;
  }();
  return *f;
}

TEST(TreeTest, RootsMatchReferenceForEverySizeUpTo256) {
  Fixture& f = Shared();
  MemoryTree growing;
  for (size_t n = 1; n <= kMaxSize; ++n) {
    growing.Append(f.leaves[n - 1]);
    ASSERT_EQ(growing.Root(), f.roots[n]) << "size " << n;
    ASSERT_EQ(*RootHash(f.tree, n), f.roots[n]) << "size " << n;
  }
}

TEST(TreeTest, InclusionMatchesReferenceForEveryIndexAndSize) {
  Fixture& f = Shared();
  for (size_t n = 1; n <= kMaxSize; ++n) {
    for (size_t i = 0; i < n; ++i) {
      auto proof = InclusionProof(f.tree, i, n);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      ASSERT_EQ(*proof, f.ref.Path(i, 0, n)) << i << "/" << n;
      ASSERT_TRUE(VerifyInclusion(i, n, f.leaves[i], *proof, f.roots[n]).ok()) << i << "/" << n;
    }
  }
}

TEST(TreeTest, ConsistencyMatchesReferenceForEverySizePair) {
  Fixture& f = Shared();
  for (size_t n = 1; n <= kMaxSize; ++n) {
    for (size_t m = 1; m <= n; ++m) {
      auto proof = ConsistencyProof(f.tree, m, n);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      std::vector<Hash> want = m == n ? std::vector<Hash>{} : f.ref.Subproof(m, 0, n, true);
      ASSERT_EQ(*proof, want) << m << "->" << n;
      ASSERT_TRUE(VerifyConsistency(m, n, *proof, f.roots[m], f.roots[n]).ok()) << m << "->" << n;
    }
  }
}

TEST(TreeTest, RejectsOutOfRangeRequests) {
  Fixture& f = Shared();
  EXPECT_FALSE(InclusionProof(f.tree, 5, 5).ok());
  EXPECT_FALSE(ConsistencyProof(f.tree, 0, 5).ok());
  EXPECT_FALSE(ConsistencyProof(f.tree, 6, 5).ok());
  EXPECT_EQ(InclusionProof(f.tree, 0, kMaxSize + 1).status().code(), Status::Code::kNotFound);
}

TEST(CompactRangeTest, AppendReportsEveryNewPerfectNode) {
  CompactRange r;
  auto added = r.Append(HashLeaf("a"));
  EXPECT_EQ(added.size(), 1u);
  added = r.Append(HashLeaf("b"));
  ASSERT_EQ(added.size(), 2u);
  EXPECT_EQ(added[1], (NodeRecord{1, 0, HashChildren(HashLeaf("a"), HashLeaf("b"))}));
  r.Append(HashLeaf("c"));
  added = r.Append(HashLeaf("d"));
  ASSERT_EQ(added.size(), 3u);
  EXPECT_EQ(added[2].level, 2u);
  EXPECT_EQ(added[2].index, 0u);
}

TEST(CompactRangeTest, LoadRestoresTheRightEdge) {
  Fixture& f = Shared();
  for (uint64_t n : {1u, 2u, 3u, 7u, 100u, 255u}) {
    auto r = CompactRange::Load(f.tree, n);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->Root(), f.roots[n]);
    r->Append(f.leaves[n]);
    EXPECT_EQ(r->Root(), f.roots[n + 1]);
  }
}

}  // namespace
}  // namespace jianmei::evidence
