#include "store/evidence_log.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "evidence/complaint.h"
#include "evidence/trust.h"
#include "evidence/verifier.h"
#include "store/evidence_export.h"
#include "store/migrations.h"
#include "store/test_util.h"

namespace jianmei::store {
namespace {

using evidence::Entry;
using evidence::Hash;

evidence::Complaint SampleComplaint() {
  evidence::Complaint c;
  c.procedure = "小腿神经阻断术";
  c.institution = "某某医疗美容诊所";
  c.narrative = "术后无法正常行走";
  c.evidence_ids = {0};
  return c;
}

class EvidenceLogTest : public ::testing::Test {
 protected:
  void SetUp() override { opts_.home = dir_.path() + "/home"; }
  std::unique_ptr<EvidenceLog> OpenOk(OpenMode mode = OpenMode::kFullAudit) {
    LogOptions o = opts_;
    o.mode = mode;
    auto log = EvidenceLog::Open(o);
    EXPECT_TRUE(log.ok()) << log.status().ToString();
    return log.ok() ? std::move(*log) : nullptr;
  }
  Status OpenStatus(OpenMode mode = OpenMode::kFullAudit) {
    LogOptions o = opts_;
    o.mode = mode;
    return EvidenceLog::Open(o).status();
  }
  // Runs SQL on the database file directly, behind the log's back; the triggers it drops are
  // put back (TamperDatabase) unless `restore_triggers` is false.
  void Tamper(const std::string& sql, bool restore_triggers = true) {
    ASSERT_EQ(TamperDatabase(DatabasePath(opts_.home), sql, restore_triggers), "");
  }
  TempDir dir_;
  LogOptions opts_;
};

TEST_F(EvidenceLogTest, AppendsPersistAndProve) {
  std::vector<Hash> leaves;
  {
    auto log = OpenOk();
    ASSERT_TRUE(log);
    for (int i = 0; i < 37; ++i) {
      Entry e = SampleEntry(i);
      auto idx = log->Append(e);
      ASSERT_TRUE(idx.ok()) << idx.status().ToString();
      EXPECT_EQ(*idx, static_cast<uint64_t>(i));
      leaves.push_back(evidence::HashLeaf(*evidence::EncodeEntry(e)));
    }
  }
  auto log = OpenOk();
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 37u);
  evidence::MemoryTree ref;
  for (const Hash& h : leaves) ref.Append(h);
  EXPECT_EQ(log->Root(), ref.Root());
  EXPECT_EQ(*log->GetEntry(5), SampleEntry(5));
  for (uint64_t n : {1u, 2u, 20u, 37u}) {
    for (uint64_t i = 0; i < n; ++i) {
      auto p = log->InclusionProof(i, n);
      ASSERT_TRUE(p.ok());
      EXPECT_EQ(*p, *evidence::InclusionProof(ref, i, n));
    }
  }
  EXPECT_FALSE(log->InclusionProof(0, 38).ok());
  EXPECT_EQ(log->GetEntry(37).status().code(), Status::Code::kNotFound);
}

TEST_F(EvidenceLogTest, AttachmentsAreContentAddressedBlobs) {
  auto log = OpenOk();
  std::string jpeg = "\xff\xd8 not really a jpeg";
  Entry e = SampleEntry(0);
  e.attachments.push_back({evidence::Sha256(jpeg), jpeg.size(), "image/jpeg", "a.jpg"});
  EXPECT_FALSE(log->Append(e, std::vector<std::string>{"other bytes"}).ok());
  EXPECT_FALSE(log->Append(e).ok());
  ASSERT_TRUE(log->Append(e, std::vector<std::string>{jpeg}).ok());
  ASSERT_TRUE(log->Append(e, std::vector<std::string>{jpeg}).ok());  // same blob, stored once
  EXPECT_EQ(*log->GetBlob(evidence::Sha256(jpeg)), jpeg);
  log.reset();
  Tamper("DROP TRIGGER blobs_no_UPDATE; UPDATE blobs SET data = X'00'");
  EXPECT_EQ(OpenStatus().code(), Status::Code::kCorruption);
}

TEST_F(EvidenceLogTest, OpenDetectsADeletedAttachmentBlob) {
  {
    auto log = OpenOk();
    ASSERT_TRUE(log->Append(SampleEntry(0)).ok());
    std::string png = "not really a png";
    Entry e = SampleEntry(1);
    e.attachments.push_back({evidence::Sha256(png), png.size(), "image/png", "shot.png"});
    ASSERT_TRUE(log->Append(e, std::vector<std::string>{png}).ok());
    ASSERT_TRUE(log->MakeCheckpoint().ok());
  }
  Tamper("DROP TRIGGER blobs_no_DELETE; DELETE FROM blobs");
  Status s = OpenStatus();
  EXPECT_EQ(s.code(), Status::Code::kCorruption) << s.ToString();
  EXPECT_NE(s.message().find("entry 1 attachment 0 (\"shot.png\""), std::string::npos)
      << s.ToString();
  EXPECT_NE(s.message().find("missing"), std::string::npos) << s.ToString();
}

TEST_F(EvidenceLogTest, CheckpointsAreSignedConsistentAndPersisted) {
  auto log = OpenOk();
  EXPECT_FALSE(log->MakeCheckpoint().ok());  // empty
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(log->Append(SampleEntry(i)).ok());
  auto c1 = log->MakeCheckpoint();
  ASSERT_TRUE(c1.ok()) << c1.status().ToString();
  EXPECT_EQ(c1->checkpoint.size, 5u);
  auto again = log->MakeCheckpoint();
  EXPECT_EQ(again->note, c1->note);
  for (int i = 5; i < 12; ++i) ASSERT_TRUE(log->Append(SampleEntry(i)).ok());
  auto c2 = log->MakeCheckpoint();
  ASSERT_TRUE(c2.ok());
  auto opened = evidence::OpenCheckpoint(c2->note, log->verifier(), log->origin());
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->root, log->Root());
  auto proof = log->ConsistencyProof(5, 12);
  EXPECT_TRUE(evidence::VerifyConsistency(5, 12, *proof, c1->checkpoint.root, c2->checkpoint.root).ok());
  log.reset();
  log = OpenOk();
  EXPECT_EQ((*log->LatestCheckpoint())->note, c2->note);
  EXPECT_EQ(log->CheckpointAt(5)->note, c1->note);
}

TEST_F(EvidenceLogTest, TriggersRefuseUpdateAndDelete) {
  auto log = OpenOk();
  ASSERT_TRUE(log->Append(SampleEntry(0)).ok());
  for (const char* sql : {"UPDATE entries SET data = X'00'", "DELETE FROM entries",
                          "DELETE FROM nodes", "UPDATE nodes SET hash = zeroblob(32)"}) {
    Status s = log->db()->Exec(sql);
    EXPECT_FALSE(s.ok()) << sql;
    EXPECT_NE(s.message().find("append-only"), std::string::npos) << s.ToString();
  }
}

TEST_F(EvidenceLogTest, OpenDetectsAnEditedEntry) {
  {
    auto log = OpenOk();
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(log->Append(SampleEntry(i)).ok());
    ASSERT_TRUE(log->MakeCheckpoint().ok());
  }
  std::string edited = *evidence::EncodeEntry(SampleEntry(99));
  Tamper("DROP TRIGGER entries_no_UPDATE; UPDATE entries SET data = X'" + Hex(edited) +
         "' WHERE idx = 3");
  Status s = OpenStatus();
  EXPECT_EQ(s.code(), Status::Code::kCorruption) << s.ToString();
  EXPECT_NE(s.message().find("entry 3"), std::string::npos) << s.ToString();
}

TEST_F(EvidenceLogTest, OpenDetectsRewrittenHashesAgainstTheSignedRoot) {
  {
    auto log = OpenOk();
    for (int i = 0; i < 8; ++i) ASSERT_TRUE(log->Append(SampleEntry(i)).ok());
    ASSERT_TRUE(log->MakeCheckpoint().ok());
  }
  // An attacker rewrites entry 2 and every hash above it so the tree is self-consistent.
  Entry forged = SampleEntry(2);
  forged.text = "the clinic's edited version";
  std::string bytes = *evidence::EncodeEntry(forged);
  evidence::MemoryTree t;
  for (int i = 0; i < 8; ++i) {
    t.Append(evidence::HashLeaf(i == 2 ? bytes : *evidence::EncodeEntry(SampleEntry(i))));
  }
  std::string sql = "DROP TRIGGER entries_no_UPDATE; DROP TRIGGER nodes_no_UPDATE;"
                    "UPDATE entries SET data = X'" + Hex(bytes) + "' WHERE idx = 2;";
  for (auto [level, index] : {std::pair{0, 2}, {1, 1}, {2, 0}, {3, 0}}) {
    sql += "UPDATE nodes SET hash = X'" + evidence::ToHex(*t.GetNode(level, index)) +
           "' WHERE level = " + std::to_string(level) + " AND idx = " + std::to_string(index) + ";";
  }
  Tamper(sql);
  for (OpenMode mode : {OpenMode::kFullAudit, OpenMode::kQuickAudit}) {
    Status s = OpenStatus(mode);
    EXPECT_EQ(s.code(), Status::Code::kCorruption) << s.ToString();
    EXPECT_NE(s.message().find("root at checkpoint 8"), std::string::npos) << s.ToString();
  }
}

TEST_F(EvidenceLogTest, OpenDetectsDeletedEntriesAndRollback) {
  std::string db = DatabasePath(opts_.home);
  {
    auto log = OpenOk();
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(log->Append(SampleEntry(i)).ok());
    ASSERT_TRUE(log->MakeCheckpoint().ok());
  }
  std::filesystem::copy_file(db, dir_.path() + "/old.db");
  {
    auto log = OpenOk();
    for (int i = 4; i < 9; ++i) ASSERT_TRUE(log->Append(SampleEntry(i)).ok());
    ASSERT_TRUE(log->MakeCheckpoint().ok());
  }
  // Roll the database back to the older copy: the witness checkpoint file notices.
  std::filesystem::copy_file(db, dir_.path() + "/new.db");
  std::filesystem::copy_file(dir_.path() + "/old.db", db,
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::remove(db + "-wal");
  Status s = OpenStatus();
  EXPECT_EQ(s.code(), Status::Code::kCorruption) << s.ToString();
  EXPECT_NE(s.message().find("rolled back"), std::string::npos) << s.ToString();
  // Deleting the newest entries (and their checkpoint row is still there) is caught too.
  std::filesystem::copy_file(dir_.path() + "/new.db", db,
                             std::filesystem::copy_options::overwrite_existing);
  ASSERT_TRUE(OpenOk());
  Tamper("DROP TRIGGER entries_no_DELETE; DROP TRIGGER nodes_no_DELETE; "
         "DELETE FROM entries WHERE idx >= 7; DELETE FROM nodes WHERE idx >= 7 AND level = 0");
  s = OpenStatus();
  EXPECT_EQ(s.code(), Status::Code::kCorruption) << s.ToString();
}

TEST_F(EvidenceLogTest, BatchesAreAllOrNothingAndHashLikeSingleAppends) {
  auto log = OpenOk();
  ASSERT_TRUE(log->Append(SampleEntry(0)).ok());
  std::vector<Entry> batch;
  for (int i = 1; i <= 5; ++i) batch.push_back(SampleEntry(i));
  evidence::Complaint c;
  c.procedure = "小腿神经阻断术";
  c.institution = "某某医疗美容诊所";
  c.narrative = "术后无法正常行走";
  c.evidence_ids = {0, 3};  // 3 is earlier in the same batch
  batch.push_back(evidence::ComplaintEntry(c, "2025-03-01T00:00:00Z"));
  auto first = log->AppendBatch(batch);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, 1u);
  EXPECT_EQ(log->size(), 7u);
  EXPECT_EQ(*log->CountComplaints("某某医疗美容诊所"), 1u);

  std::vector<Entry> bad = {SampleEntry(7), SampleEntry(8), SampleEntry(9)};
  bad[1].attachments.push_back({evidence::Sha256("x"), 1, "image/png", "x.png"});  // no blob
  auto refused = log->AppendBatch(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("batch entry 1"), std::string::npos)
      << refused.status().ToString();
  EXPECT_EQ(log->size(), 7u);
  log.reset();

  log = OpenOk();  // full audit: nothing partial from the refused batch
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 7u);
  evidence::MemoryTree ref;
  ref.Append(evidence::HashLeaf(*evidence::EncodeEntry(SampleEntry(0))));
  for (const Entry& e : batch) ref.Append(evidence::HashLeaf(*evidence::EncodeEntry(e)));
  EXPECT_EQ(log->Root(), ref.Root());
  EXPECT_FALSE(log->AppendBatch({}).ok());
}

TEST_F(EvidenceLogTest, OpenDetectsForgedEditedAndDeletedComplaintRows) {
  {
    auto log = OpenOk();
    ASSERT_TRUE(log->Append(SampleEntry(0)).ok());
    ASSERT_TRUE(
        log->Append(evidence::ComplaintEntry(SampleComplaint(), "2025-03-01T00:00:00Z")).ok());
    ASSERT_TRUE(log->Append(SampleEntry(2)).ok());
    ASSERT_TRUE(log->MakeCheckpoint().ok());
  }
  // Each edit drops the triggers that would refuse it; Tamper puts them back afterwards.
  const std::string drop = "DROP TRIGGER complaints_no_UPDATE; DROP TRIGGER complaints_no_DELETE; ";
  struct Case {
    std::string tamper, undo, expect;
  };
  std::vector<Case> cases = {
      {"INSERT INTO complaints VALUES(2, '别家诊所')", "DELETE FROM complaints WHERE entry_idx = 2",
       "complaints row for entry 2 (\"别家诊所\") does not come from a complaint entry"},
      {"INSERT INTO complaints VALUES(9, '别家诊所')", "DELETE FROM complaints WHERE entry_idx = 9",
       "complaints row for entry 9"},
      {"UPDATE complaints SET institution = '别家诊所' WHERE entry_idx = 1",
       "UPDATE complaints SET institution = '某某医疗美容诊所' WHERE entry_idx = 1",
       "complaints row for entry 1 names \"别家诊所\""},
      {"DELETE FROM complaints WHERE entry_idx = 1",
       "INSERT INTO complaints VALUES(1, '某某医疗美容诊所')",
       "complaint entry 1 against \"某某医疗美容诊所\" has no complaints row"},
  };
  for (const Case& c : cases) {
    Tamper(drop + c.tamper);
    Status s = OpenStatus();
    EXPECT_EQ(s.code(), Status::Code::kCorruption) << c.tamper << ": " << s.ToString();
    EXPECT_NE(s.message().find(c.expect), std::string::npos) << c.tamper << ": " << s.ToString();
    Tamper(drop + c.undo);
    EXPECT_TRUE(OpenOk()) << "after " << c.undo;
  }
}

TEST_F(EvidenceLogTest, ComplaintsAreEntriesAndCounted) {
  auto log = OpenOk();
  ASSERT_TRUE(log->Append(SampleEntry(0)).ok());
  evidence::Complaint c;
  c.procedure = "小腿神经阻断术";
  c.institution = "某某医疗美容诊所";
  c.narrative = "术后无法正常行走";
  c.appraisal = "十级伤残";
  c.paid_cents = 3800000;
  c.evidence_ids = {0};
  auto idx = log->Append(evidence::ComplaintEntry(c, "2025-03-01T00:00:00Z"));
  ASSERT_TRUE(idx.ok()) << idx.status().ToString();
  c.evidence_ids = {7};
  EXPECT_FALSE(log->Append(evidence::ComplaintEntry(c, "x")).ok());  // cites a missing entry
  EXPECT_EQ(*log->CountComplaints("某某医疗美容诊所"), 1u);
  EXPECT_EQ(*log->CountComplaints("别家"), 0u);
  auto back = log->GetEntry(*idx);
  auto parsed = evidence::ParseComplaint(back->body);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->appraisal, "十级伤残");
}

}  // namespace
}  // namespace jianmei::store

namespace jianmei::store {
namespace {

TEST_F(EvidenceLogTest, ExportedBundleVerifiesOfflineWithThePinnedKey) {
  auto log = OpenOk();
  std::string png = "png";
  Entry e = SampleEntry(1);
  e.attachments.push_back({evidence::Sha256(png), png.size(), "image/png", "p.png"});
  ASSERT_TRUE(log->Append(SampleEntry(0)).ok());
  ASSERT_TRUE(log->Append(e, std::vector<std::string>{png}).ok());
  ASSERT_TRUE(log->Append(SampleEntry(2)).ok());
  std::vector<uint64_t> which = {1, 2};
  EXPECT_FALSE(ExportBundle(*log, which).ok());  // no checkpoint yet
  ASSERT_TRUE(log->MakeCheckpoint().ok());
  ASSERT_TRUE(log->Append(SampleEntry(3)).ok());
  auto bundle = ExportBundle(*log, which);
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  std::vector<uint64_t> uncovered = {3};
  EXPECT_FALSE(ExportBundle(*log, uncovered).ok());
  std::string key = log->verifier().ToString();
  log.reset();
  std::filesystem::remove_all(opts_.home);  // offline: no database at all
  auto parsed = evidence::ParseBundle(evidence::BundleToJson(*bundle));
  ASSERT_TRUE(parsed.ok());
  auto report =
      evidence::VerifyBundle(*parsed, {{*evidence::NoteVerifier::Parse(key)}, ""});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->authenticated);
  EXPECT_EQ(report->entries[0].entry, e);
}

TEST_F(EvidenceLogTest, ExportListsEachEntryOnceInIndexOrder) {
  auto log = OpenOk();
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(log->Append(SampleEntry(i)).ok());
  ASSERT_TRUE(log->MakeCheckpoint().ok());
  std::vector<uint64_t> which = {3, 1, 3, 1};
  auto bundle = ExportBundle(*log, which);
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  ASSERT_EQ(bundle->entries.size(), 2u);
  EXPECT_EQ(bundle->entries[0].index, 1u);
  EXPECT_EQ(bundle->entries[1].index, 3u);
  EXPECT_TRUE(evidence::VerifyBundle(*bundle, {{log->verifier()}, ""}).ok());
}

// A process killed between writing the witness's temporary file and renaming it leaves the
// temporary behind (7 of 151 kills in issue 23); opening the log removes such leftovers.
TEST_F(EvidenceLogTest, OpenRemovesTemporaryFilesLeftByKilledCheckpoints) {
  {
    auto log = OpenOk();
    ASSERT_TRUE(log->Append(SampleEntry(0)).ok());
    ASSERT_TRUE(log->MakeCheckpoint().ok());
  }
  namespace fs = std::filesystem;
  for (const char* name : {"evidence.checkpoint.tmp.4242.0", "evidence.checkpoint.tmp.77.3",
                           "evidence.key.tmp.4242.0"}) {
    std::FILE* f = std::fopen((opts_.home + "/" + name).c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("partial", f);
    std::fclose(f);
  }
  std::string unrelated = opts_.home + "/notes.tmp.1.0";
  std::fclose(std::fopen(unrelated.c_str(), "w"));
  ASSERT_NE(OpenOk(), nullptr);
  std::vector<std::string> left;
  for (const auto& f : fs::directory_iterator(opts_.home)) {
    if (f.path().filename().string().find(".tmp.") != std::string::npos) {
      left.push_back(f.path().filename().string());
    }
  }
  EXPECT_EQ(left, std::vector<std::string>{"notes.tmp.1.0"});
  EXPECT_TRUE(fs::exists(opts_.home + "/evidence.checkpoint"));
}

// Issue 23: every install used the origin "jianmei.local/evidence", so a forgery differed from
// the real log only in an 8-hex key id.
TEST_F(EvidenceLogTest, ANewLogGetsAnOriginDerivedFromItsKey) {
  auto log = OpenOk();
  EXPECT_EQ(log->origin(), evidence::DerivedOrigin(log->verifier().public_key()));
  EXPECT_EQ(log->verifier().name(), log->origin());
  ASSERT_TRUE(log->Append(SampleEntry(0)).ok());
  auto cp = log->MakeCheckpoint();
  ASSERT_TRUE(cp.ok());
  EXPECT_EQ(cp->checkpoint.origin, log->origin());
  TempDir other;
  auto second = EvidenceLog::Open({other.path() + "/home"});
  ASSERT_TRUE(second.ok());
  EXPECT_NE((*second)->origin(), log->origin());
  std::string origin = log->origin();
  log.reset();
  EXPECT_EQ(OpenOk()->origin(), origin);  // reopened: the stored origin
}

TEST_F(EvidenceLogTest, AConfiguredOriginIsUsedAtCreationAndOnlyThen) {
  opts_.origin = "clinic-watch.example/evidence";
  EXPECT_EQ(OpenOk()->origin(), "clinic-watch.example/evidence");
  opts_.origin = "";
  EXPECT_EQ(OpenOk()->origin(), "clinic-watch.example/evidence");
  opts_.origin = "other.example/log";
  Status s = OpenStatus();
  EXPECT_NE(s.message().find("was created with origin \"clinic-watch.example/evidence\""),
            std::string::npos)
      << s.ToString();
  TempDir bad;
  LogOptions o;
  o.home = bad.path() + "/home";
  o.origin = "has space";
  EXPECT_FALSE(EvidenceLog::Open(o).ok());
}

TEST_F(EvidenceLogTest, ALogMadeBeforeDerivedOriginsKeepsItsOrigin) {
  opts_.origin = "jianmei.local/evidence";  // what every log was created with before
  {
    auto log = OpenOk();
    ASSERT_TRUE(log->Append(SampleEntry(0)).ok());
    ASSERT_TRUE(log->MakeCheckpoint().ok());
  }
  opts_.origin = "";
  auto log = OpenOk();
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->origin(), "jianmei.local/evidence");
  ASSERT_TRUE(log->Append(SampleEntry(1)).ok());
  auto cp = log->MakeCheckpoint();
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(cp->checkpoint.origin, "jianmei.local/evidence");
}

TEST_F(EvidenceLogTest, AppendWithReceiptAcknowledgesInsideASignedTree) {
  auto log = OpenOk();
  ASSERT_TRUE(log->Append(SampleEntry(0)).ok());  // an entry without a receipt
  std::string png = "png";
  Entry e = SampleEntry(1);
  e.attachments.push_back({evidence::Sha256(png), png.size(), "image/png", "p.png"});
  auto r = log->AppendWithReceipt(e, std::vector<std::string>{png});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->index, 1u);
  EXPECT_EQ(r->checkpoint.checkpoint.size, 2u);  // covers the new entry and the one before
  auto cp = evidence::OpenCheckpoint(r->checkpoint.note, log->verifier(), log->origin());
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_TRUE(evidence::VerifyInclusion(1, cp->size, r->leaf, r->proof, cp->root).ok());
  EXPECT_EQ(r->leaf, evidence::HashLeaf(*log->EntryBytes(1)));
  auto bundle = ReceiptBundle(*log, *r);
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  auto report = evidence::VerifyBundle(*bundle, {{log->verifier()}, ""});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->entries.size(), 1u);
  EXPECT_EQ(report->entries[0].entry, e);
  auto next = log->AppendWithReceipt(SampleEntry(2));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->checkpoint.checkpoint.size, 3u);
}

TEST_F(EvidenceLogTest, OpenReportsADroppedOrReplacedAppendOnlyTrigger) {
  { ASSERT_TRUE(OpenOk()->Append(SampleEntry(0)).ok()); }
  Tamper("DROP TRIGGER entries_no_UPDATE", /*restore_triggers=*/false);
  for (OpenMode mode : {OpenMode::kFullAudit, OpenMode::kQuickAudit}) {
    Status s = OpenStatus(mode);
    EXPECT_EQ(s.code(), Status::Code::kCorruption) << s.ToString();
    EXPECT_NE(s.message().find("append-only trigger entries_no_UPDATE is missing"), std::string::npos)
        << s.ToString();
  }
  Tamper("CREATE TRIGGER entries_no_UPDATE BEFORE UPDATE ON entries BEGIN SELECT 1; END", false);
  Status s = OpenStatus();
  EXPECT_NE(s.message().find("append-only trigger entries_no_UPDATE was replaced"), std::string::npos)
      << s.ToString();
}

// Issue 23: an entry appended after the last checkpoint could be rewritten with its leaf node,
// and the next checkpoint signed the forgery. With a receipt there is no such entry: the rewrite
// contradicts the checkpoint the receipt was signed with, even when the triggers are put back.
TEST_F(EvidenceLogTest, ARewriteOfAnEntryWithAReceiptIsCaughtEvenWithTriggersRestored) {
  {
    auto log = OpenOk();
    ASSERT_TRUE(log->AppendWithReceipt(SampleEntry(0)).ok());
    ASSERT_TRUE(log->AppendWithReceipt(SampleEntry(1)).ok());
  }
  auto forged = evidence::EncodeEntry(SampleEntry(7));
  ASSERT_TRUE(forged.ok());
  Hash leaf0 = evidence::HashLeaf(*evidence::EncodeEntry(SampleEntry(0)));
  Hash leaf1 = evidence::HashLeaf(*forged);
  std::string leaf = Hex(evidence::AsBytes(leaf1));
  std::string root = Hex(evidence::AsBytes(evidence::HashChildren(leaf0, leaf1)));
  std::string data = Hex(*forged);
  Tamper("DROP TRIGGER entries_no_UPDATE; DROP TRIGGER nodes_no_UPDATE;"
         "UPDATE entries SET data = x'" + data + "' WHERE idx = 1;"
         "UPDATE nodes SET hash = x'" + leaf + "' WHERE level = 0 AND idx = 1;"
         "UPDATE nodes SET hash = x'" + root + "' WHERE level = 1 AND idx = 0;");
  Status s = OpenStatus();
  EXPECT_EQ(s.code(), Status::Code::kCorruption) << s.ToString();
  EXPECT_NE(s.message().find("root at checkpoint 2 recomputed"), std::string::npos) << s.ToString();
}

TEST_F(EvidenceLogTest, ExportCarriesAConsistencyProofFromAnEarlierCheckpoint) {
  auto log = OpenOk();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(log->Append(SampleEntry(i)).ok());
  ASSERT_TRUE(log->MakeCheckpoint().ok());
  for (int i = 3; i < 6; ++i) ASSERT_TRUE(log->Append(SampleEntry(i)).ok());
  ASSERT_TRUE(log->MakeCheckpoint().ok());
  std::vector<uint64_t> which = {4};
  auto bundle = ExportBundle(*log, which, 3);
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  auto report = evidence::VerifyBundle(*evidence::ParseBundle(evidence::BundleToJson(*bundle)),
                                       {{log->verifier()}, ""});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->consistent_with.has_value());
  EXPECT_EQ(report->consistent_with->size, 3u);
  EXPECT_EQ(report->checkpoint.size, 6u);
  auto missing = ExportBundle(*log, which, 4);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("no checkpoint at size 4"), std::string::npos)
      << missing.status().ToString();
}

}  // namespace
}  // namespace jianmei::store

namespace jianmei::store {
namespace {

TEST_F(EvidenceLogTest, AnExportedComplaintCarriesTheEntriesItCites) {
  auto log = OpenOk();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(log->Append(SampleEntry(i)).ok());
  evidence::Complaint c;
  c.procedure = "隆乳术";
  c.institution = "某某医疗美容诊所";
  c.narrative = "术后感染";
  c.evidence_ids = {2, 0};
  auto idx = log->Append(evidence::ComplaintEntry(c, "2025-03-01T00:00:00Z"));
  ASSERT_TRUE(idx.ok()) << idx.status().ToString();
  ASSERT_TRUE(log->MakeCheckpoint().ok());
  EXPECT_EQ(*CitedEntries(*log, *idx), (std::vector<uint64_t>{2, 0}));
  EXPECT_TRUE(CitedEntries(*log, 1)->empty());
  EXPECT_FALSE(CitedEntries(*log, 9).ok());
  std::vector<uint64_t> which = {*idx};
  auto bundle = ExportBundle(*log, which);
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  std::vector<uint64_t> exported;
  for (const auto& e : bundle->entries) exported.push_back(e.index);
  EXPECT_EQ(exported, (std::vector<uint64_t>{0, 2, *idx}));
  EXPECT_TRUE(evidence::VerifyBundle(*bundle, {{log->verifier()}, ""}).ok());
}

}  // namespace
}  // namespace jianmei::store
