// The evidence formats against tests/evidence/vectors.json, which scripts/evidence_vectors.py
// computes from doc/evidence_format.md alone (hashlib, json, base64 and the RFC 8032 reference
// Ed25519), independently of this code.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "evidence/checkpoint.h"
#include "evidence/complaint.h"
#include "evidence/entry.h"
#include "evidence/hash.h"
#include "evidence/signer.h"
#include "evidence/tree.h"
#include "evidence/trust.h"
#include "evidence/verifier.h"

namespace jianmei::evidence {
namespace {

using nlohmann::json;

std::string Unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::vector<Hash> Hashes(const json& b64) {
  std::vector<Hash> out;
  for (const json& h : b64) out.push_back(*HashFromBase64(h.get<std::string>(), "vector"));
  return out;
}

class VectorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream in(JIANMEI_SOURCE_DIR "/tests/evidence/vectors.json");
    ASSERT_TRUE(in) << "tests/evidence/vectors.json";
    std::stringstream text;
    text << in.rdbuf();
    v_ = json::parse(text.str());
  }
  json v_;
};

TEST_F(VectorsTest, EntriesEncodeToTheExpectedBytesAndLeafHashes) {
  ASSERT_EQ(v_["entries"].size(), 3u);
  for (const json& t : v_["entries"]) {
    const json& in = t["input"];
    Entry e;
    e.kind = in["kind"] == "complaint" ? EntryKind::kComplaint : EntryKind::kCapture;
    e.recorded_at = in["recorded_at"];
    e.url = in["url"];
    e.author = in["author"];
    e.platform = in["platform"];
    e.posted_at = in["posted_at"];
    e.text = in["text"];
    e.body = in["body"];
    for (const json& a : in["attachments"]) {
      Hash h{};
      std::string raw = Unhex(a["sha256"]);
      std::copy(raw.begin(), raw.end(), reinterpret_cast<char*>(h.data()));
      e.attachments.push_back({h, a["size"].get<uint64_t>(), a["media_type"], a["name"]});
    }
    auto bytes = EncodeEntry(e);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    EXPECT_EQ(ToHex(Sha256(*bytes)), ToHex(Sha256(Unhex(t["bytes_hex"]))));
    EXPECT_EQ(*bytes, Unhex(t["bytes_hex"]));
    EXPECT_EQ(ToHex(HashLeaf(*bytes)), t["leaf_hash_hex"]);
    auto back = DecodeEntry(*bytes);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, e);
  }
}

TEST_F(VectorsTest, ComplaintsHaveTheExpectedCanonicalJson) {
  const json& r = v_["complaint"]["record"];
  Complaint c;
  c.procedure = r["procedure"];
  c.institution = r["institution"];
  c.narrative = r["narrative"];
  c.date = r["date"];
  c.harms = r["harms"].get<std::vector<std::string>>();
  c.appraisal = r["appraisal"];
  c.paid_cents = r["paid_cents"];
  c.evidence_ids = r["evidence_ids"].get<std::vector<uint64_t>>();
  EXPECT_EQ(ComplaintToJson(c), v_["complaint"]["canonical_json"].get<std::string>());
  auto parsed = ParseComplaint(v_["complaint"]["canonical_json"].get<std::string>());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, c);
}

TEST_F(VectorsTest, TreeRootsAndProofsMatch) {
  const json& t = v_["tree"];
  MemoryTree tree;
  for (const json& h : t["leaf_hashes_hex"]) {
    std::string raw = Unhex(h);
    Hash leaf{};
    std::copy(raw.begin(), raw.end(), reinterpret_cast<char*>(leaf.data()));
    tree.Append(leaf);
  }
  for (const auto& [size, root] : t["roots_hex"].items()) {
    auto got = RootHash(tree, std::stoull(size));
    ASSERT_TRUE(got.ok()) << size;
    EXPECT_EQ(ToHex(*got), root.get<std::string>()) << "size " << size;
  }
  for (const json& p : t["inclusion"]) {
    auto got = InclusionProof(tree, p["index"], p["size"]);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, Hashes(p["proof_b64"])) << p.dump();
  }
  for (const json& p : t["consistency"]) {
    auto got = ConsistencyProof(tree, p["size1"], p["size2"]);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, Hashes(p["proof_b64"])) << p.dump();
  }
}

TEST_F(VectorsTest, CheckpointKeysAndSignedNoteMatch) {
  const json& c = v_["checkpoint"];
  auto signer = NoteSigner::Parse(c["signer_key"].get<std::string>());
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  const NoteVerifier& v = (*signer)->verifier();
  EXPECT_EQ(ToHex(Sha256(v.public_key())), ToHex(Sha256(Unhex(c["public_key_hex"]))));
  EXPECT_EQ(v.ToString(), c["verifier_key"].get<std::string>());
  EXPECT_EQ(DerivedOrigin(v.public_key()), c["origin"].get<std::string>());
  char id[9];
  std::snprintf(id, sizeof id, "%08x", KeyId(v.name(), v.public_key()));
  EXPECT_EQ(std::string(id), c["key_id_hex"].get<std::string>());
  auto note = SignNote(c["body"].get<std::string>(), **signer);  // Ed25519 is deterministic
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(note->ToString(), c["note"].get<std::string>());
  auto cp = OpenCheckpoint(c["note"].get<std::string>(), v, c["origin"].get<std::string>());
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(cp->size, v_["tree"]["leaf_hashes_hex"].size());
}

}  // namespace
}  // namespace jianmei::evidence
