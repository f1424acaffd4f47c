#include "evidence/bundle.h"

#include <gtest/gtest.h>

#include "evidence/report_html.h"
#include "evidence/tree.h"

namespace jianmei::evidence {
namespace {

class BundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    signer_ = *NoteSigner::Generate("jianmei.test/log");
    for (int i = 0; i < 9; ++i) {
      Entry e;
      e.recorded_at = "2025-03-01T00:00:00Z";
      e.text = "post <b>" + std::to_string(i) + "</b> & \"quoted\"";
      if (i == 4) e.attachments.push_back({Sha256(blob_), blob_.size(), "image/png", "<x>.png"});
      datas_.push_back(*EncodeEntry(e));
      tree_.Append(HashLeaf(datas_.back()));
    }
    Checkpoint cp{"jianmei.test/log", tree_.size(), tree_.Root()};
    bundle_.verifier_key = signer_->verifier().ToString();
    bundle_.checkpoint = SignNote(cp.Body(), *signer_)->ToString();
    for (uint64_t i : {1u, 4u, 8u}) {
      bundle_.entries.push_back({i, datas_[i], *InclusionProof(tree_, i, tree_.size())});
    }
    bundle_.blobs[Sha256(blob_)] = blob_;
  }
  TrustAnchors Pinned() const { return {{signer_->verifier()}, ""}; }
  std::shared_ptr<const NoteSigner> signer_;
  std::string blob_ = "PNG bytes";
  std::vector<std::string> datas_;
  MemoryTree tree_;
  Bundle bundle_;
};

TEST_F(BundleTest, RoundTripsThroughJsonAndVerifies) {
  auto parsed = ParseBundle(BundleToJson(bundle_));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto report = VerifyBundle(*parsed, Pinned());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->authenticated);
  ASSERT_EQ(report->entries.size(), 3u);
  EXPECT_EQ(report->entries[1].index, 4u);
  EXPECT_EQ(report->checkpoint.size, 9u);
}

TEST_F(BundleTest, AnyTamperingFailsWithAPlace) {
  auto expect_bad = [&](Bundle b, const std::string& where) {
    auto r = VerifyBundle(b);
    ASSERT_FALSE(r.ok()) << where;
    EXPECT_NE(r.status().message().find(where), std::string::npos) << r.status().ToString();
  };
  Bundle b = bundle_;
  b.entries[0].data[10] ^= 1;
  expect_bad(b, "entries[0]");
  b = bundle_;
  b.entries[2].proof[0][0] ^= 1;
  expect_bad(b, "entries[2]");
  b = bundle_;
  b.entries[1].index = 5;
  expect_bad(b, "entries[1]");
  b = bundle_;
  b.blobs.begin()->second += "x";
  expect_bad(b, "attachment 0");
  b = bundle_;
  b.blobs.clear();
  expect_bad(b, "missing");
  b = bundle_;
  b.checkpoint[b.checkpoint.find('\n') + 1] = '8';  // size 9 -> 8
  expect_bad(b, "checkpoint");
  b = bundle_;
  b.verifier_key = (*NoteSigner::Generate("jianmei.test/log"))->verifier().ToString();
  expect_bad(b, "checkpoint");
  TrustAnchors other{{(*NoteSigner::Generate("jianmei.test/log"))->verifier()}, ""};
  EXPECT_FALSE(VerifyBundle(bundle_, other).ok());
}

TEST_F(BundleTest, MalformedJsonIsRejectedWithAPlace) {
  std::string good = BundleToJson(bundle_);
  struct Case {
    std::string text, where;
  };
  std::vector<Case> cases = {
      {"", "document: not JSON"},
      {"[]", "JSON object"},
      {R"({"format":"jianmei-evidence-bundle/1","format":1})", "format: key given twice"},
      {"{}", "format"},
      {R"({"format":"other"})", "format"},
      {R"({"format":"jianmei-evidence-bundle/1","verifier_key":"k","checkpoint":"c","entries":{}})",
       "entries"},
      {R"({"format":"jianmei-evidence-bundle/1","verifier_key":"k","checkpoint":"c","entries":[{"index":-1}],"blobs":[]})",
       "entries[0].index"},
      {R"({"format":"jianmei-evidence-bundle/1","verifier_key":"k","checkpoint":"c","entries":[{"index":1,"data":"@@@@","proof":[]}],"blobs":[]})",
       "entries[0].data"},
      {R"({"format":"jianmei-evidence-bundle/1","verifier_key":"k","checkpoint":"c","entries":[{"index":1,"data":"","proof":["AAAA"]}],"blobs":[]})",
       "entries[0].proof[0]"},
      {R"({"format":"jianmei-evidence-bundle/1","verifier_key":"k","checkpoint":"c","entries":[],"blobs":[{"sha256":"zz","data":""}]})",
       "blobs[0].sha256"},
      {good.substr(0, good.size() / 2), "document: not JSON"},
  };
  for (const Case& c : cases) {
    auto r = ParseBundle(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.status().message().find(c.where), std::string::npos) << r.status().ToString();
  }
}

TEST_F(BundleTest, UnknownKeysAreRejectedByName) {
  std::string good = BundleToJson(bundle_);
  ASSERT_TRUE(ParseBundle(good).ok());
  struct Case {
    std::string from, to, message;
  };
  std::vector<Case> cases = {
      {"\"format\":", "\"signed_by_court\":true,\"format\":",
       "document: unknown key \"signed_by_court\""},
      {"\"index\":", "\"leaf\":\"x\",\"index\":", "entries[0]: unknown key \"leaf\""},
      {"\"sha256\":", "\"size\":1,\"sha256\":", "blobs[0]: unknown key \"size\""},
  };
  for (const Case& c : cases) {
    std::string text = good;
    size_t at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    text.replace(at, c.from.size(), c.to);
    auto r = ParseBundle(text);
    ASSERT_FALSE(r.ok()) << c.to;
    EXPECT_NE(r.status().message().find(c.message), std::string::npos) << r.status().ToString();
  }
}

// The independent verifier's findings (issue 23): each of these bundles verified before.
TEST_F(BundleTest, UnreferencedBlobIsRefused) {
  Bundle b = bundle_;
  std::string extra = "not an attachment of any entry";
  b.blobs[Sha256(extra)] = extra;
  auto r = VerifyBundle(b, Pinned());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("blobs: " + ToHex(Sha256(extra)) +
                                      " is not an attachment of any entry"),
            std::string::npos)
      << r.status().ToString();
}

TEST_F(BundleTest, UnreferencedBlobWithAWrongHashIsRefused) {
  Bundle b = bundle_;
  Hash claimed = Sha256("what the bundle claims");
  b.blobs[claimed] = "something else";
  auto r = VerifyBundle(b, Pinned());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("blobs: " + ToHex(claimed) + " does not hash to its sha256"),
            std::string::npos)
      << r.status().ToString();
}

TEST_F(BundleTest, PaddedBlobIsRefused) {
  Bundle b = bundle_;
  b.blobs.begin()->second += std::string(16, '\0');
  auto r = VerifyBundle(b, Pinned());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("entries[1] (index 4): attachment 0"), std::string::npos)
      << r.status().ToString();
}

TEST_F(BundleTest, DuplicatedEntryIsRefusedNotCountedTwice) {
  Bundle b = bundle_;
  b.entries.push_back(b.entries[0]);
  auto r = VerifyBundle(b, Pinned());
  ASSERT_FALSE(r.ok()) << "verified " << r->entries.size() << " entries";
  EXPECT_NE(r.status().message().find("entries[3] (index 1): index 1 is already in entries[0]"),
            std::string::npos)
      << r.status().ToString();
}

TEST_F(BundleTest, EntriesInAnyOrderVerifyOnce) {
  Bundle b = bundle_;
  std::swap(b.entries[0], b.entries[2]);
  auto r = VerifyBundle(b, Pinned());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entries.size(), 3u);
}

TEST_F(BundleTest, EmptyTimestampTokenIsRefused) {
  std::string text = BundleToJson(bundle_);
  size_t at = text.find("\"entries\":");
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "\"timestamp_token\":\"\",");
  auto r = ParseBundle(text);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("document.timestamp_token: empty"), std::string::npos)
      << r.status().ToString();
}

TEST_F(BundleTest, BlobPaddedJsonIsRefusedAfterParsing) {
  // A blob listed in the JSON under the hash of one attachment but holding other bytes.
  Bundle b = bundle_;
  std::string extra = "padding blob";
  b.blobs[Sha256(extra)] = extra + "!";
  auto parsed = ParseBundle(BundleToJson(b));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_FALSE(VerifyBundle(*parsed, Pinned()).ok());
}

// Issue 23: a self-consistent bundle signed by another key, claiming size 400, printed "OK".
TEST_F(BundleTest, ForgedBundleIsUnauthenticatedUnpinnedAndRefusedPinned) {
  auto forger = *NoteSigner::Generate("jianmei.test/log");
  MemoryTree tree;
  for (int i = 0; i < 400; ++i) tree.Append(HashLeaf(datas_[i % datas_.size()]));
  Bundle forged;
  forged.verifier_key = forger->verifier().ToString();
  forged.checkpoint = SignNote(Checkpoint{"jianmei.test/log", 400, tree.Root()}.Body(), *forger)->ToString();
  forged.entries.push_back({1, datas_[1], *InclusionProof(tree, 1, 400)});
  auto unpinned = VerifyBundle(forged);
  ASSERT_TRUE(unpinned.ok()) << unpinned.status().ToString();
  EXPECT_FALSE(unpinned->authenticated);
  EXPECT_NE(unpinned->trust_basis.find("anyone could have signed it"), std::string::npos);
  std::string html = RenderHtmlReport(*unpinned);
  size_t banner = html.find("NOT AUTHENTICATED");
  ASSERT_NE(banner, std::string::npos);
  EXPECT_LT(banner, html.find("<h2>"));
  auto pinned = VerifyBundle(forged, Pinned());
  ASSERT_FALSE(pinned.ok());
  EXPECT_NE(pinned.status().message().find("is not among the 1 trusted key(s)"), std::string::npos)
      << pinned.status().ToString();
}

// Issue 23 item 3: someone holding an older checkpoint of the log (from an earlier bundle) can
// check that the bundle's tree extends it, with the proof the bundle carries.
TEST_F(BundleTest, ConsistencyWithAnOlderCheckpointIsChecked) {
  Checkpoint older{"jianmei.test/log", 5, *RootHash(tree_, 5)};
  Bundle b = bundle_;
  b.consistency = BundleConsistency{SignNote(older.Body(), *signer_)->ToString(),
                                    *ConsistencyProof(tree_, 5, tree_.size())};
  auto parsed = ParseBundle(BundleToJson(b));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto r = VerifyBundle(*parsed, Pinned());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->consistent_with.has_value());
  EXPECT_EQ(*r->consistent_with, older);
  EXPECT_NE(RenderHtmlReport(*r).find("consistent with the checkpoint at size 5"), std::string::npos);

  Bundle bad = b;
  bad.consistency->proof[0][0] ^= 1;
  auto r1 = VerifyBundle(bad, Pinned());
  ASSERT_FALSE(r1.ok());
  EXPECT_NE(r1.status().message().find("consistency.proof"), std::string::npos) << r1.status().ToString();
  bad = b;  // an older checkpoint signed by someone else
  bad.consistency->from_checkpoint =
      SignNote(older.Body(), **NoteSigner::Generate("jianmei.test/log"))->ToString();
  auto r2 = VerifyBundle(bad, Pinned());
  ASSERT_FALSE(r2.ok());
  EXPECT_NE(r2.status().message().find("consistency.from_checkpoint"), std::string::npos)
      << r2.status().ToString();
  bad = b;  // "older" but larger than the bundle's tree
  bad.consistency->from_checkpoint =
      SignNote(Checkpoint{"jianmei.test/log", 12, tree_.Root()}.Body(), *signer_)->ToString();
  EXPECT_FALSE(VerifyBundle(bad, Pinned()).ok());
  std::string text = BundleToJson(b);
  text.replace(text.find("\"from_checkpoint\""), 0, "\"size\":5,");
  EXPECT_NE(ParseBundle(text).status().message().find("consistency: unknown key \"size\""),
            std::string::npos);
}

TEST_F(BundleTest, HtmlReportEscapesUserText) {
  auto report = VerifyBundle(bundle_);
  ASSERT_TRUE(report.ok());
  std::string html = RenderHtmlReport(*report);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<x>"), std::string::npos);
  EXPECT_NE(html.find("post &lt;b&gt;4&lt;/b&gt; &amp; &quot;quoted&quot;"), std::string::npos);
  EXPECT_NE(html.find("NOT AUTHENTICATED"), std::string::npos);
  EXPECT_EQ(RenderHtmlReport(*VerifyBundle(bundle_, Pinned())).find("NOT AUTHENTICATED"),
            std::string::npos);
  EXPECT_EQ(HtmlEscape("<'&\">"), "&lt;&#39;&amp;&quot;&gt;");
}

}  // namespace
}  // namespace jianmei::evidence
