#include "evidence/checkpoint.h"

#include <gtest/gtest.h>

#include <vector>

#include "evidence/signer.h"

namespace jianmei::evidence {
namespace {

// golang.org/x/mod/sumdb/note's published example: Ed25519 is deterministic, so signing the
// same text with the same key must reproduce the Go note byte for byte.
constexpr char kGoSigner[] =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr char kGoVerifier[] = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr char kGoText[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr char kGoNote[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
    "\n"
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

TEST(SignerTest, ReproducesTheGoNoteExample) {
  auto signer = NoteSigner::Parse(kGoSigner);
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  EXPECT_EQ((*signer)->verifier().ToString(), kGoVerifier);
  EXPECT_EQ((*signer)->SignerKey(), kGoSigner);
  auto note = SignNote(kGoText, **signer);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(note->ToString(), kGoNote);
}

TEST(SignerTest, VerifierKeyWithPlusInBase64Parses) {
  // transparency-dev/formats test key whose base64 contains '+'.
  auto v = NoteVerifier::Parse("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6");
  EXPECT_TRUE(v.ok()) << v.status().ToString();
}

TEST(SignerTest, RejectsMangledKeys) {
  std::string k = kGoVerifier;
  EXPECT_TRUE(NoteVerifier::Parse(k).ok());
  for (size_t i = 0; i < k.size(); ++i) {
    std::string bad = k;
    bad[i] = static_cast<char>(bad[i] + 1);
    EXPECT_FALSE(NoteVerifier::Parse(bad).ok()) << bad;
  }
  EXPECT_FALSE(NoteVerifier::Parse(k.substr(0, k.size() - 1)).ok());
  EXPECT_FALSE(NoteSigner::Parse("PRIVATE+KEY+x").ok());
}

TEST(CheckpointTest, OpensGoNoteAndRejectsAnyChangedBodyByte) {
  auto v = NoteVerifier::Parse(kGoVerifier);
  ASSERT_TRUE(v.ok());
  auto note = ParseSignedNote(kGoNote);
  ASSERT_TRUE(note.ok());
  ASSERT_EQ(note->signatures.size(), 1u);
  EXPECT_TRUE(v->Verify(note->body, note->signatures[0].signature).ok());
  std::string body = note->body;
  for (size_t i = 0; i < body.size(); ++i) {
    std::string b = body;
    b[i] ^= 0x20;
    EXPECT_FALSE(v->Verify(b, note->signatures[0].signature).ok()) << i;
  }
}

TEST(CheckpointTest, SignedCheckpointRoundTrips) {
  auto signer = NoteSigner::Generate("jianmei.test/log");
  ASSERT_TRUE(signer.ok());
  Checkpoint c{"jianmei.test/log", 42, HashLeaf("x")};
  EXPECT_EQ(c.Body(), "jianmei.test/log\n42\n" + HashToBase64(HashLeaf("x")) + "\n");
  auto note = SignNote(c.Body(), **signer);
  ASSERT_TRUE(note.ok());
  auto opened = OpenCheckpoint(note->ToString(), (*signer)->verifier(), "jianmei.test/log");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, c);
  EXPECT_FALSE(OpenCheckpoint(note->ToString(), (*signer)->verifier(), "other").ok());
  auto other = NoteSigner::Generate("jianmei.test/log");
  Status s = OpenCheckpoint(note->ToString(), (*other)->verifier()).status();
  EXPECT_NE(s.message().find("no signature by key"), std::string::npos) << s.ToString();
  // A different size under the same signature fails.
  std::string forged = note->ToString();
  forged.replace(forged.find("\n42\n"), 4, "\n43\n");
  EXPECT_FALSE(OpenCheckpoint(forged, (*signer)->verifier()).ok());
}

TEST(CheckpointTest, BodyParserRejectsMalformedText) {
  std::string root = HashToBase64(HashLeaf("x"));
  EXPECT_TRUE(ParseCheckpointBody("o\n1\n" + root + "\n").ok());
  for (std::string bad : std::vector<std::string>{"", "o\n1\n" + root, "\n1\n" + root + "\n",
                          "o\n01\n" + root + "\n", "o\n-1\n" + root + "\n",
                          "o\n1x\n" + root + "\n", "o\n99999999999999999999\n" + root + "\n",
                          "o\n1\nAAAA\n", "o\n1\n" + root + "\next\n"}) {
    EXPECT_FALSE(ParseCheckpointBody(bad).ok()) << bad;
  }
}

TEST(CheckpointTest, NoteParserRejectsMalformedSignatures) {
  for (std::string bad : std::vector<std::string>{"body\n", "body\n\n",
                          std::string("body\n\n- x AAAAAAA=\n"),
                          std::string("body\n\n\xE2\x80\x94 x\n"),
                          std::string("body\n\n\xE2\x80\x94 x AAAA\n"),
                          std::string("body\n\n\xE2\x80\x94 x AAAAAAA=")}) {
    EXPECT_FALSE(ParseSignedNote(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace jianmei::evidence
