// The pure verifier against the transparency-dev test vectors (read at run time from
// ../shared/testdata/merkle) and against every single-byte change of valid proofs.
#include "evidence/verifier.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "evidence/tree.h"

namespace jianmei::evidence {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path VectorDir(const char* kind) { return fs::path(JIANMEI_SHARED_DIR) / "testdata/merkle" / kind; }

std::vector<fs::path> CaseFiles(const char* kind) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(VectorDir(kind))) {
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

json Load(const fs::path& p) {
  std::ifstream in(p);
  return json::parse(in);
}

// Base64 fields decoded to raw bytes; a field that is not valid base64 is an error of the case.
Status Bytes(const json& v, std::string* out) {
  auto raw = Base64Decode(v.get<std::string>());
  if (!raw.ok()) return raw.status();
  *out = std::move(*raw);
  return Status::Ok();
}

Status Proof(const json& proof, std::vector<std::string>* out) {
  if (proof.is_null()) return Status::Ok();
  for (const auto& p : proof) {
    out->emplace_back();
    if (Status s = Bytes(p, &out->back()); !s.ok()) return s;
  }
  return Status::Ok();
}

Status RunInclusion(const json& c) {
  std::vector<std::string> proof;
  std::string root, leaf;
  if (Status s = Proof(c["proof"], &proof); !s.ok()) return s;
  if (Status s = Bytes(c["root"], &root); !s.ok()) return s;
  if (Status s = Bytes(c["leafHash"], &leaf); !s.ok()) return s;
  return VerifyInclusionRaw(c["leafIdx"].get<uint64_t>(), c["treeSize"].get<uint64_t>(), leaf,
                            proof, root);
}

Status RunConsistency(const json& c) {
  std::vector<std::string> proof;
  std::string root1, root2;
  if (Status s = Proof(c["proof"], &proof); !s.ok()) return s;
  if (Status s = Bytes(c["root1"], &root1); !s.ok()) return s;
  if (Status s = Bytes(c["root2"], &root2); !s.ok()) return s;
  return VerifyConsistencyRaw(c["size1"].get<uint64_t>(), c["size2"].get<uint64_t>(), proof,
                              root1, root2);
}

TEST(VerifierVectorsTest, InclusionSuite) {
  auto files = CaseFiles("inclusion");
  ASSERT_EQ(files.size(), 98u) << "the suite in " << VectorDir("inclusion") << " is incomplete";
  int happy = 0;
  for (const auto& f : files) {
    json c = Load(f);
    bool want_err = c["wantErr"].get<bool>();
    Status s = RunInclusion(c);
    EXPECT_EQ(!s.ok(), want_err) << f << ": " << c["desc"] << " -> " << s.ToString();
    happy += !want_err;
  }
  EXPECT_GT(happy, 0);
}

TEST(VerifierVectorsTest, ConsistencySuite) {
  auto files = CaseFiles("consistency");
  ASSERT_EQ(files.size(), 98u) << "the suite in " << VectorDir("consistency") << " is incomplete";
  int happy = 0;
  for (const auto& f : files) {
    json c = Load(f);
    bool want_err = c["wantErr"].get<bool>();
    Status s = RunConsistency(c);
    EXPECT_EQ(!s.ok(), want_err) << f << ": " << c["desc"] << " -> " << s.ToString();
    happy += !want_err;
  }
  EXPECT_GT(happy, 0);
}

// Every byte of every hash of every proof, flipped, for all trees up to 40 leaves.
TEST(VerifierTamperTest, FlippingAnyProofByteFails) {
  constexpr uint64_t kMax = 40;
  MemoryTree t;
  std::vector<Hash> leaves, roots(kMax + 1);
  for (uint64_t i = 0; i < kMax; ++i) {
    leaves.push_back(HashLeaf(std::to_string(i)));
    t.Append(leaves.back());
    roots[i + 1] = t.Root();
  }
  size_t checked = 0;
  for (uint64_t n = 1; n <= kMax; ++n) {
    for (uint64_t i = 0; i < n; ++i) {
      std::vector<Hash> proof = *InclusionProof(t, i, n);
      ASSERT_TRUE(VerifyInclusion(i, n, leaves[i], proof, roots[n]).ok());
      for (auto& h : proof) {
        for (auto& byte : h) {
          byte ^= 0x01;
          EXPECT_FALSE(VerifyInclusion(i, n, leaves[i], proof, roots[n]).ok()) << i << "/" << n;
          byte ^= 0x01;
          ++checked;
        }
      }
      // Wrong index, truncated or extended proofs fail too.
      if (n > 1) {
        ASSERT_FALSE(VerifyInclusion((i + 1) % n, n, leaves[i], proof, roots[n]).ok());
      }
      // (A different size alone is not always detectable: the proof for (0, 3) also hashes to
      // roots[3] as a proof for (0, 4). That is why checkpoints sign size and root together.)
      if (!proof.empty()) {
        auto shorter = proof;
        shorter.pop_back();
        ASSERT_FALSE(VerifyInclusion(i, n, leaves[i], shorter, roots[n]).ok());
      }
      auto longer = proof;
      longer.push_back(roots[n]);
      ASSERT_FALSE(VerifyInclusion(i, n, leaves[i], longer, roots[n]).ok());
    }
    for (uint64_t m = 1; m < n; ++m) {
      std::vector<Hash> proof = *ConsistencyProof(t, m, n);
      ASSERT_TRUE(VerifyConsistency(m, n, proof, roots[m], roots[n]).ok());
      for (auto& h : proof) {
        for (auto& byte : h) {
          byte ^= 0x80;
          EXPECT_FALSE(VerifyConsistency(m, n, proof, roots[m], roots[n]).ok()) << m << "->" << n;
          byte ^= 0x80;
          ++checked;
        }
      }
      auto shorter = proof;
      shorter.pop_back();
      ASSERT_FALSE(VerifyConsistency(m, n, shorter, roots[m], roots[n]).ok());
      ASSERT_FALSE(VerifyConsistency(m, n, proof, roots[n], roots[m]).ok());
    }
  }
  EXPECT_GT(checked, 50000u);
}

TEST(VerifierTest, ErrorsNameTheFailedCheck) {
  Hash leaf = HashLeaf("x");
  Status s = VerifyInclusion(3, 3, leaf, {}, leaf);
  EXPECT_NE(s.message().find("index 3 >= tree size 3"), std::string::npos) << s.ToString();
  s = VerifyConsistency(0, 4, {}, leaf, leaf);
  EXPECT_NE(s.message().find("empty tree"), std::string::npos) << s.ToString();
}

TEST(Base64Test, RoundTripsAndRejectsJunk) {
  for (std::string s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    auto back = Base64Decode(Base64Encode(s));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, s);
  }
  EXPECT_EQ(Base64Encode("abc"), "YWJj");
  EXPECT_EQ(Base64Encode("ab"), "YWI=");
  EXPECT_FALSE(Base64Decode("YWJ").ok());
  EXPECT_FALSE(Base64Decode("YW=j").ok());
  EXPECT_FALSE(Base64Decode("YWJ!").ok());
  EXPECT_FALSE(Base64Decode("YWJ=").ok());  // non-canonical: unused bits set
  EXPECT_FALSE(HashFromBase64("YWJj", "h").ok());
}

}  // namespace
}  // namespace jianmei::evidence
