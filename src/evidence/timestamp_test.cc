#include "evidence/timestamp.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "evidence/hash.h"
#include "evidence/test_tsa.h"
#include "evidence/tsa_client.h"

namespace jianmei::evidence {
namespace {

using testing::LoopbackTsa;
using testing::TestTsa;

const std::string kNote =
    "jianmei.test/log\n9\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— jianmei.test/log AAAA\n";

// Seconds between an RFC 3339 UTC time "YYYY-MM-DDTHH:MM:SSZ" and now; -1 if unreadable.
long SecondsFromNow(const std::string& utc) {
  std::tm tm{};
  const char* end = strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (!end || *end) return -1;
  return std::labs(static_cast<long>(timegm(&tm) - std::time(nullptr)));
}

class TimestampTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tsa_.Create()) << tsa_.error();
    auto q = MakeTimestampQuery(kNote);
    ASSERT_TRUE(q.ok()) << q.status().ToString();
    query_ = *q;
    std::string reply = tsa_.Reply(query_);
    ASSERT_FALSE(reply.empty()) << tsa_.error();
    auto token = TokenFromResponse(query_, reply);
    ASSERT_TRUE(token.ok()) << token.status().ToString();
    token_ = *token;
  }
  TestTsa tsa_;
  std::string query_, token_;
};

TEST_F(TimestampTest, TokenFromTheTsaVerifiesAgainstItsCa) {
  auto info = VerifyTimestampToken(token_, kNote, tsa_.ca_pem());
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_TRUE(info->signature_checked);
  EXPECT_EQ(info->policy, "1.2.3.4.1");  // default_policy in the test TSA's configuration
  EXPECT_EQ(info->serial, "02");  // the serial file holds the last serial issued: 01
  long skew = SecondsFromNow(info->gen_time);
  EXPECT_GE(skew, 0) << info->gen_time;
  EXPECT_LT(skew, 300) << info->gen_time;  // the TSA runs on this machine's clock
}

TEST_F(TimestampTest, TheTsaCertificateAloneIsEnoughAsTrustAnchor) {
  auto info = VerifyTimestampToken(token_, kNote, tsa_.tsa_pem());
  ASSERT_TRUE(info.ok()) << info.status().ToString();
}

TEST_F(TimestampTest, WithoutTrustOnlyTheImprintIsChecked) {
  auto info = VerifyTimestampToken(token_, kNote);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_FALSE(info->signature_checked);
}

TEST_F(TimestampTest, AnotherMessageFails) {
  std::string other = kNote;
  other[0] = 'J';
  EXPECT_FALSE(VerifyTimestampToken(token_, other).ok());
  EXPECT_FALSE(VerifyTimestampToken(token_, other, tsa_.ca_pem()).ok());
}

TEST_F(TimestampTest, AnotherCaFails) {
  TestTsa stranger;
  ASSERT_TRUE(stranger.Create()) << stranger.error();
  auto info = VerifyTimestampToken(token_, kNote, stranger.ca_pem());
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.status().message().find("chaining"), std::string::npos) << info.status().ToString();
}

TEST_F(TimestampTest, FlippedImprintOrSignatureFails) {
  Hash digest = Sha256(kNote);
  size_t at = token_.find(std::string(AsBytes(digest)));
  ASSERT_NE(at, std::string::npos);
  for (size_t k = 0; k < digest.size(); ++k) {
    std::string bad = token_;
    bad[at + k] ^= 0x01;
    EXPECT_FALSE(VerifyTimestampToken(bad, kNote).ok()) << "imprint byte " << k;
  }
  // The token ends with the signer's ECDSA signature value.
  std::string bad = token_;
  bad.back() ^= 0x01;
  EXPECT_TRUE(VerifyTimestampToken(bad, kNote).ok());  // imprint intact, signature not checked
  EXPECT_FALSE(VerifyTimestampToken(bad, kNote, tsa_.ca_pem()).ok());
}

TEST_F(TimestampTest, AResponseToAnotherQueryIsRefused) {
  auto other = MakeTimestampQuery(kNote);  // same message, new nonce
  ASSERT_TRUE(other.ok());
  ASSERT_NE(*other, query_);
  std::string reply = tsa_.Reply(*other);
  ASSERT_FALSE(reply.empty()) << tsa_.error();
  EXPECT_TRUE(TokenFromResponse(*other, reply).ok());
  EXPECT_FALSE(TokenFromResponse(query_, reply).ok());
}

TEST_F(TimestampTest, GarbageIsAnErrorNotACrash) {
  for (std::string bad : {std::string(), std::string("\x30\x03\x02\x01", 4), std::string(100, '\x30'),
                          token_.substr(0, token_.size() / 2), token_ + "x"}) {
    EXPECT_FALSE(VerifyTimestampToken(bad, kNote).ok());
    EXPECT_FALSE(TokenFromResponse(query_, bad).ok());
    EXPECT_FALSE(TokenFromResponse(bad, bad).ok());
  }
  EXPECT_FALSE(VerifyTimestampToken(token_, kNote, "not a certificate").ok());
}

TEST(TsaClientTest, FetchesAVerifiedTokenOverLoopbackHttp) {
  LoopbackTsa server;
  ASSERT_TRUE(server.Start()) << server.tsa().error();
  TsaConfig config{server.url(), server.tsa().ca_pem()};
  auto token = RequestTimestamp(config, kNote);
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_TRUE(VerifyTimestampToken(*token, kNote, server.tsa().ca_pem()).ok());
}

TEST(TsaClientTest, RefusesWrongAnswersAndUnreachableServers) {
  LoopbackTsa server;
  ASSERT_TRUE(server.Start()) << server.tsa().error();
  auto wrong_type = RequestTimestamp({server.url("/wrong-type"), ""}, kNote);
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_NE(wrong_type.status().message().find("text/plain"), std::string::npos);
  auto not_found = RequestTimestamp({server.url("/nothing-here"), ""}, kNote);
  ASSERT_FALSE(not_found.ok());
  EXPECT_NE(not_found.status().message().find("404"), std::string::npos);
  TestTsa stranger;
  ASSERT_TRUE(stranger.Create()) << stranger.error();
  EXPECT_FALSE(RequestTimestamp({server.url(), stranger.ca_pem()}, kNote).ok());
  EXPECT_FALSE(RequestTimestamp({"ftp://127.0.0.1/tsr", ""}, kNote).ok());
  // Port 1 on loopback: nothing listens there in the test environment.
  EXPECT_FALSE(RequestTimestamp({"http://127.0.0.1:1/tsr", "", 2}, kNote).ok());
}

}  // namespace
}  // namespace jianmei::evidence
