// Checkpoints timestamped by a throw-away RFC 3161 TSA served on 127.0.0.1, through the log,
// the bundle and the offline verifier.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <ctime>
#include <filesystem>

#include "evidence/test_tsa.h"
#include "evidence/tsa_client.h"
#include "store/evidence_export.h"
#include "store/evidence_log.h"
#include "store/migrations.h"
#include "store/test_util.h"

namespace jianmei::store {
namespace {

class TimestampedLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start()) << server_.tsa().error();
    opts_.home = dir_.path() + "/home";
    tsa_ = {server_.url(), server_.tsa().ca_pem()};
  }
  std::unique_ptr<EvidenceLog> Open() {
    auto log = EvidenceLog::Open(opts_);
    EXPECT_TRUE(log.ok()) << log.status().ToString();
    return log.ok() ? std::move(*log) : nullptr;
  }
  TimestampFn Tsa(evidence::TsaConfig config) {
    return [config](std::string_view note) { return evidence::RequestTimestamp(config, note); };
  }
  evidence::testing::LoopbackTsa server_;
  TempDir dir_;
  LogOptions opts_;
  evidence::TsaConfig tsa_;
};

TEST_F(TimestampedLogTest, TheTokenTravelsInTheBundleAndVerifiesOffline) {
  auto log = Open();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(log->Append(SampleEntry(i)).ok());
  auto first = log->MakeCheckpoint(Tsa(tsa_));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_FALSE(first->timestamp_token.empty());
  ASSERT_TRUE(log->Append(SampleEntry(3)).ok());
  auto second = log->MakeCheckpoint(Tsa(tsa_));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  log.reset();

  log = Open();  // the full audit re-reads both stored tokens
  ASSERT_NE(log, nullptr);
  auto latest = log->LatestCheckpoint();
  ASSERT_TRUE(latest.ok() && *latest);
  EXPECT_EQ((*latest)->timestamp_token, second->timestamp_token);
  std::vector<uint64_t> which = {0, 3};
  auto bundle = ExportBundle(*log, which);
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  evidence::TrustAnchors key{{log->verifier()}, ""};
  log.reset();
  std::filesystem::remove_all(opts_.home);

  auto parsed = evidence::ParseBundle(evidence::BundleToJson(*bundle));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->timestamp_token, second->timestamp_token);
  std::string ca = server_.tsa().ca_pem();
  auto report = evidence::VerifyBundle(*parsed, key, ca);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->timestamp.has_value());
  EXPECT_TRUE(report->timestamp->signature_checked);
  EXPECT_EQ(report->timestamp->serial, "03");  // the second token (the serial file started at 01)

  evidence::testing::TestTsa stranger;
  ASSERT_TRUE(stranger.Create()) << stranger.error();
  auto wrong_ca = evidence::VerifyBundle(*parsed, key, stranger.ca_pem());
  ASSERT_FALSE(wrong_ca.ok());
  EXPECT_NE(wrong_ca.status().message().find("timestamp_token"), std::string::npos);

  evidence::Bundle swapped = *parsed;  // a genuine token, but for the earlier checkpoint
  swapped.timestamp_token = first->timestamp_token;
  EXPECT_FALSE(evidence::VerifyBundle(swapped, key).ok());
  EXPECT_FALSE(evidence::VerifyBundle(swapped, key, ca).ok());

  evidence::Bundle stripped = *parsed;
  stripped.timestamp_token.clear();
  EXPECT_TRUE(evidence::VerifyBundle(stripped, key).ok());
  EXPECT_FALSE(evidence::VerifyBundle(stripped, key, ca).ok());  // a TSA was required
}

TEST_F(TimestampedLogTest, ATsaFailureStoresNoCheckpoint) {
  auto log = Open();
  ASSERT_TRUE(log->Append(SampleEntry(0)).ok());
  auto failed = log->MakeCheckpoint(Tsa({"http://127.0.0.1:1/tsr", "", 2}));
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("127.0.0.1:1"), std::string::npos);
  auto latest = log->LatestCheckpoint();
  ASSERT_TRUE(latest.ok());
  EXPECT_FALSE(latest->has_value());
  auto plain = log->MakeCheckpoint();
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_TRUE(plain->timestamp_token.empty());
}

TEST_F(TimestampedLogTest, ATokenEditedBehindTheLogsBackIsReportedAtOpen) {
  auto log = Open();
  ASSERT_TRUE(log->Append(SampleEntry(0)).ok());
  auto cp = log->MakeCheckpoint(Tsa(tsa_));
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  log.reset();
  std::string token = cp->timestamp_token;
  size_t at = token.find(std::string(evidence::AsBytes(evidence::Sha256(cp->note))));
  ASSERT_NE(at, std::string::npos);
  std::string flipped = Hex(std::string(1, static_cast<char>(token[at] ^ 0x01)));
  std::string sql =
      "DROP TRIGGER checkpoints_no_UPDATE; UPDATE checkpoints SET timestamp_token = "
      "substr(timestamp_token, 1, " + std::to_string(at) + ") || x'" + flipped +
      "' || substr(timestamp_token, " + std::to_string(at + 2) + ");";
  ASSERT_EQ(TamperDatabase(DatabasePath(opts_.home), sql), "");
  auto reopened = EvidenceLog::Open(opts_);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), Status::Code::kCorruption);
  EXPECT_NE(reopened.status().message().find("checkpoint at size 1"), std::string::npos)
      << reopened.status().ToString();
}

}  // namespace
}  // namespace jianmei::store
