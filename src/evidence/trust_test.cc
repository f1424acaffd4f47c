#include "evidence/trust.h"

#include <gtest/gtest.h>

#include "evidence/hash.h"

namespace jianmei::evidence {
namespace {

TEST(TrustTest, DerivedOriginIsThePrefixAndSixteenHexDigitsOfTheKeyHash) {
  std::string pub(32, '\x01');
  // python3 -c "import hashlib;print(hashlib.sha256(b'\x01'*32).hexdigest()[:16])"
  EXPECT_EQ(DerivedOrigin(pub), "jianmei.local/evidence/" + ToHex(Sha256(pub)).substr(0, 16));
  EXPECT_EQ(DerivedOrigin(pub), "jianmei.local/evidence/72cd6e8422c407fb");
}

class DecideTrustTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tmp = *NoteSigner::Generate("x");
    origin_ = DerivedOrigin(tmp->verifier().public_key());
    // The same key material under the derived name (what a new log does).
    log_key_ = *NoteVerifier::FromPublicKey(origin_, tmp->verifier().public_key());
    forger_ = (*NoteSigner::Generate(origin_))->verifier();
    cp_ = {origin_, 400, Hash{}};
  }
  std::string origin_;
  NoteVerifier log_key_, forger_;
  Checkpoint cp_;
};

TEST_F(DecideTrustTest, NothingPinnedAuthenticatesNothing) {
  auto d = DecideTrust({}, log_key_, cp_);
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->authenticated);
  EXPECT_NE(d->basis.find("no key or origin was pinned"), std::string::npos);
}

TEST_F(DecideTrustTest, APinnedKeyAuthenticatesItAndRefusesAnyOther) {
  TrustAnchors a{{forger_, log_key_}, ""};
  auto d = DecideTrust(a, log_key_, cp_);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(d->authenticated);
  TrustAnchors only_log{{log_key_}, ""};
  auto forged = DecideTrust(only_log, forger_, cp_);
  ASSERT_FALSE(forged.ok());
  EXPECT_NE(forged.status().message().find("is not among the 1 trusted key(s)"), std::string::npos);
}

TEST_F(DecideTrustTest, APinnedDerivedOriginAuthenticatesOnlyTheKeyItIsDerivedFrom) {
  TrustAnchors a{{}, origin_};
  auto d = DecideTrust(a, log_key_, cp_);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->authenticated) << d->basis;
  // The forger claims the same origin and key name, with another key.
  auto forged = DecideTrust(a, forger_, cp_);
  ASSERT_FALSE(forged.ok());
  EXPECT_NE(forged.status().message().find("is not the key the pinned origin"), std::string::npos)
      << forged.status().ToString();
  EXPECT_TRUE(IsDerivedOrigin(origin_));
  EXPECT_FALSE(IsDerivedOrigin("jianmei.local/evidence"));
  EXPECT_FALSE(IsDerivedOrigin("jianmei.local/evidence/72CD6E8422C407FB"));
  Checkpoint other = cp_;
  other.origin = "jianmei.local/evidence";
  EXPECT_FALSE(DecideTrust(a, log_key_, other).ok());
}

TEST_F(DecideTrustTest, ACustomOriginPinnedAloneAuthenticatesNothing) {
  auto custom = *NoteSigner::Generate("clinic-watch.example/log");
  Checkpoint cp{"clinic-watch.example/log", 3, Hash{}};
  auto d = DecideTrust({{}, "clinic-watch.example/log"}, custom->verifier(), cp);
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->authenticated);
  EXPECT_NE(d->basis.find("does not identify the signer"), std::string::npos) << d->basis;
  auto pinned = DecideTrust({{custom->verifier()}, "clinic-watch.example/log"}, custom->verifier(), cp);
  ASSERT_TRUE(pinned.ok());
  EXPECT_TRUE(pinned->authenticated);
}

TEST(TrustedKeysFileTest, HoldsSeveralKeysWithCommentsAndNamesABadLine) {
  std::string a = (*NoteSigner::Generate("a.example/log"))->verifier().ToString();
  std::string b = (*NoteSigner::Generate("b.example/log"))->verifier().ToString();
  auto keys = ParseTrustedKeys("# our logs\n" + a + "\n\n  " + b + "\r\n", "keys.txt");
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[1].ToString(), b);
  auto bad = ParseTrustedKeys(a + "\nnot-a-key\n", "keys.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("keys.txt:2: "), std::string::npos) << bad.status().ToString();
  EXPECT_FALSE(ParseTrustedKeys("# nothing\n", "keys.txt").ok());
}

}  // namespace
}  // namespace jianmei::evidence
