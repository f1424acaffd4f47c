#include "cli/evidence_verify_command.h"

#include <gtest/gtest.h>

#include <sstream>

#include "evidence/bundle.h"
#include "evidence/tree.h"
#include "store/evidence_export.h"
#include "store/evidence_log.h"
#include "store/files.h"
#include "store/test_util.h"

namespace jianmei::cli {
namespace {

namespace ev = jianmei::evidence;

struct VerifyRun {
  int code;
  std::string out, err;
  std::string FirstLine() const { return out.substr(0, out.find('\n')); }
};

// The checks issue 23's independent verifier ran against `verify`, through the command.
class VerifyCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto log = store::EvidenceLog::Open({dir_.path() + "/home"});
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    std::string png = "PNG";
    ev::Entry with_blob = store::SampleEntry(1);
    with_blob.attachments.push_back({ev::Sha256(png), png.size(), "image/png", "a.png"});
    ASSERT_TRUE((*log)->Append(store::SampleEntry(0)).ok());
    ASSERT_TRUE((*log)->Append(with_blob, std::vector<std::string>{png}).ok());
    ASSERT_TRUE((*log)->Append(store::SampleEntry(2)).ok());
    ASSERT_TRUE((*log)->MakeCheckpoint().ok());
    std::vector<uint64_t> which = {0, 1, 2};
    auto b = store::ExportBundle(**log, which);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    bundle_ = *b;
    origin_ = (*log)->origin();
    key_ = (*log)->verifier().ToString();
  }
  VerifyRun Verify(const ev::Bundle& b, VerifyOptions o = {}) { return VerifyText(ev::BundleToJson(b), o); }
  VerifyRun VerifyText(const std::string& text, VerifyOptions o) {
    o.bundle = dir_.path() + "/bundle.json";
    EXPECT_TRUE(store::WriteFileAtomic(o.bundle, text).ok());
    std::ostringstream out, err;
    int code = RunVerify(o, out, err);
    return {code, out.str(), err.str()};
  }
  // A self-consistent bundle of another key that claims this log's origin and size 400.
  ev::Bundle Forged() {
    auto forger = *ev::NoteSigner::Generate(origin_);
    ev::MemoryTree tree;
    for (int i = 0; i < 400; ++i) tree.Append(ev::HashLeaf(bundle_.entries[0].data));
    ev::Bundle f;
    f.verifier_key = forger->verifier().ToString();
    f.checkpoint = ev::SignNote(ev::Checkpoint{origin_, 400, tree.Root()}.Body(), *forger)->ToString();
    f.entries.push_back({0, bundle_.entries[0].data, *ev::InclusionProof(tree, 0, 400)});
    return f;
  }
  TempDir dir_;
  ev::Bundle bundle_;
  std::string origin_, key_;
};

TEST_F(VerifyCommandTest, UnpinnedBundleExitsThreeAndSaysSoFirst) {
  VerifyRun r = Verify(bundle_);
  EXPECT_EQ(r.code, kExitUnauthenticated) << r.out << r.err;
  EXPECT_EQ(r.FirstLine().rfind("NOT AUTHENTICATED: nothing was authenticated", 0), 0u) << r.out;
  EXPECT_EQ(r.out.find("OK"), std::string::npos) << r.out;
}

TEST_F(VerifyCommandTest, PinnedKeyOriginOrTrustedKeysFileAuthenticate) {
  VerifyRun by_key = Verify(bundle_, {.keys = {key_}});
  EXPECT_EQ(by_key.code, 0) << by_key.out << by_key.err;
  EXPECT_EQ(by_key.FirstLine().rfind("OK: 3 entries proved in " + origin_ + " at size 3", 0), 0u)
      << by_key.out;
  VerifyRun by_origin = Verify(bundle_, {.origin = origin_});
  EXPECT_EQ(by_origin.code, 0) << by_origin.out << by_origin.err;
  std::string file = dir_.path() + "/trusted.txt";
  std::string other = (*ev::NoteSigner::Generate("other.example/log"))->verifier().ToString();
  ASSERT_TRUE(store::WriteFileAtomic(file, "# two logs\n" + other + "\n" + key_ + "\n").ok());
  VerifyRun by_file = Verify(bundle_, {.trusted_keys = file});
  EXPECT_EQ(by_file.code, 0) << by_file.out << by_file.err;
  VerifyRun only_other = Verify(bundle_, {.keys = {other}});
  EXPECT_EQ(only_other.code, kExitVerifyFailed) << only_other.out;
}

TEST_F(VerifyCommandTest, ForgedBundleIsRefusedWhenPinnedAndNeverReportedOk) {
  ev::Bundle forged = Forged();
  VerifyRun unpinned = Verify(forged);
  EXPECT_EQ(unpinned.code, kExitUnauthenticated) << unpinned.out;
  EXPECT_EQ(unpinned.FirstLine().rfind("NOT AUTHENTICATED", 0), 0u) << unpinned.out;
  VerifyRun by_key = Verify(forged, {.keys = {key_}});
  EXPECT_EQ(by_key.code, kExitVerifyFailed) << by_key.out;
  EXPECT_EQ(by_key.FirstLine().rfind("FAILED: ", 0), 0u) << by_key.out;
  VerifyRun by_origin = Verify(forged, {.origin = origin_});
  EXPECT_EQ(by_origin.code, kExitVerifyFailed) << by_origin.out;
  EXPECT_NE(by_origin.out.find("is not the key the pinned origin"), std::string::npos) << by_origin.out;
}

TEST_F(VerifyCommandTest, ExtendedDuplicatedAndBlobPaddedBundlesAreRefused) {
  VerifyOptions pinned{.keys = {key_}};
  ev::Bundle padded = bundle_;
  std::string extra = "an unreferenced blob";
  padded.blobs[ev::Sha256("what it claims to be")] = extra;
  VerifyRun r = Verify(padded, pinned);
  EXPECT_EQ(r.code, kExitVerifyFailed);
  EXPECT_NE(r.out.find("does not hash to its sha256"), std::string::npos) << r.out;

  ev::Bundle extended = bundle_;
  extended.blobs[ev::Sha256(extra)] = extra;
  r = Verify(extended, pinned);
  EXPECT_EQ(r.code, kExitVerifyFailed);
  EXPECT_NE(r.out.find("is not an attachment of any entry"), std::string::npos) << r.out;

  ev::Bundle duplicated = bundle_;
  duplicated.entries.push_back(duplicated.entries[1]);
  r = Verify(duplicated, pinned);
  EXPECT_EQ(r.code, kExitVerifyFailed);
  EXPECT_NE(r.out.find("index 1 is already in entries[1]"), std::string::npos) << r.out;

  std::string text = ev::BundleToJson(bundle_);
  text.insert(text.find("\"entries\":"), "\"timestamp_token\":\"\",");
  r = VerifyText(text, pinned);
  EXPECT_EQ(r.code, kExitVerifyFailed);
  EXPECT_NE(r.out.find("timestamp_token: empty"), std::string::npos) << r.out;
}

TEST_F(VerifyCommandTest, AConsistencyProofIsCheckedAndReported) {
  auto log = store::EvidenceLog::Open({dir_.path() + "/home"});
  ASSERT_TRUE(log.ok());
  ASSERT_TRUE((*log)->Append(store::SampleEntry(3)).ok());
  ASSERT_TRUE((*log)->MakeCheckpoint().ok());
  std::vector<uint64_t> which = {3};
  auto b = store::ExportBundle(**log, which, 3);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  VerifyRun ok = Verify(*b, {.keys = {key_}});
  EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("extends: the checkpoint at size 3"), std::string::npos) << ok.out;
  b->consistency->proof.back()[5] ^= 1;
  VerifyRun bad = Verify(*b, {.keys = {key_}});
  EXPECT_EQ(bad.code, kExitVerifyFailed) << bad.out;
  EXPECT_NE(bad.out.find("consistency.proof"), std::string::npos) << bad.out;
}

TEST_F(VerifyCommandTest, HtmlReportOfAnUnpinnedBundleSaysNotAuthenticated) {
  std::string html = dir_.path() + "/report.html";
  VerifyRun r = Verify(bundle_, {.html = html});
  EXPECT_EQ(r.code, kExitUnauthenticated);
  auto text = store::ReadFile(html);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("NOT AUTHENTICATED"), std::string::npos);
  VerifyRun pinned = Verify(bundle_, {.keys = {key_}, .html = html});
  EXPECT_EQ(pinned.code, 0);
  EXPECT_EQ(store::ReadFile(html)->find("NOT AUTHENTICATED"), std::string::npos);
}

}  // namespace
}  // namespace jianmei::cli
