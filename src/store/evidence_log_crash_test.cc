// Crash safety: a child process appends entries and is SIGKILLed at random moments, many times.
// After every kill the log must open (full audit), hold every entry the child acknowledged
// (acks are written to a pipe only after Append's commit returned, or with a receipt only after
// the receipt's checkpoint was stored), hold no partial entry and stay consistent with its last
// signed checkpoint; an entry acknowledged with a receipt must lie inside a signed checkpoint.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "evidence/verifier.h"
#include "store/evidence_log.h"
#include "store/test_util.h"

namespace jianmei::store {
namespace {

// A child that appends for ever and writes each index to `ack_fd` once it is acknowledged: after
// Append's commit (and a checkpoint every 7 entries), or with `receipts` only once the entry's
// receipt, a signed checkpoint covering it, is stored.
[[noreturn]] void ChildAppend(const LogOptions& opts, int ack_fd, bool receipts) {
  LogOptions o = opts;
  o.mode = OpenMode::kQuickAudit;
  auto log = EvidenceLog::Open(o);
  if (!log.ok()) _exit(2);
  for (;;) {
    uint64_t next = (*log)->size();
    evidence::Entry e = SampleEntry(static_cast<int>(next));
    if (receipts) {
      auto r = (*log)->AppendWithReceipt(e);
      if (!r.ok() || r->index != next) _exit(3);
    } else {
      auto idx = (*log)->Append(e);
      if (!idx.ok() || *idx != next) _exit(3);
    }
    if (write(ack_fd, &next, sizeof next) != sizeof next) _exit(4);
    if (!receipts && next % 7 == 6 && !(*log)->MakeCheckpoint().ok()) _exit(5);
  }
}

struct KillPlan {
  bool receipts;
  uint32_t seed;
  int max_rounds, seconds, min_delay_us, max_delay_us;
};

// Runs ChildAppend on a fresh log and SIGKILLs it after a random delay, round after round; after
// each kill opens the log with the full audit and hands it to `check` with the highest index
// acknowledged so far (-1 if none). Sets *rounds and *max_acked.
template <typename Check>
void KillRepeatedly(const KillPlan& plan, Check check, int* rounds, int64_t* max_acked) {
  TempDir dir;
  LogOptions opts;
  opts.home = dir.path() + "/home";
  { ASSERT_TRUE(EvidenceLog::Open(opts).ok()); }
  std::mt19937 rng(plan.seed);
  auto start = std::chrono::steady_clock::now();
  *rounds = 0;
  *max_acked = -1;
  while (*rounds < plan.max_rounds &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(plan.seconds)) {
    ++*rounds;
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      ChildAppend(opts, fds[1], plan.receipts);
    }
    close(fds[1]);
    usleep(std::uniform_int_distribution<int>(plan.min_delay_us, plan.max_delay_us)(rng));
    kill(pid, SIGKILL);
    int wstatus = 0;
    ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "child exited on its own with " << WEXITSTATUS(wstatus);
    uint64_t ack;
    while (read(fds[0], &ack, sizeof ack) == sizeof ack) {
      *max_acked = std::max<int64_t>(*max_acked, static_cast<int64_t>(ack));
    }
    close(fds[0]);
    auto log = EvidenceLog::Open(opts);  // full audit: every entry decodes and re-hashes
    ASSERT_TRUE(log.ok()) << "round " << *rounds << ": " << log.status().ToString();
    check(**log, *max_acked, *rounds);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(EvidenceLogCrashTest, SigkillAtRandomMomentsLosesNoAcknowledgedEntry) {
  int rounds = 0;
  int64_t max_acked = -1;
  auto check = [](EvidenceLog& log, int64_t acked, int round) {
    ASSERT_GE(static_cast<int64_t>(log.size()), acked + 1) << "round " << round;
    for (int64_t i = 0; i <= acked; i += 1 + i / 8) {
      auto e = log.GetEntry(static_cast<uint64_t>(i));
      ASSERT_TRUE(e.ok()) << e.status().ToString();
      ASSERT_EQ(*e, SampleEntry(static_cast<int>(i)));
    }
    auto last = log.LatestCheckpoint();
    ASSERT_TRUE(last.ok()) << last.status().ToString();
    if (*last) {
      const evidence::Checkpoint& cp = (*last)->checkpoint;
      auto proof = log.ConsistencyProof(cp.size, log.size());
      ASSERT_TRUE(proof.ok());
      ASSERT_TRUE(evidence::VerifyConsistency(cp.size, log.size(), *proof, cp.root, log.Root()).ok());
    }
  };
  KillRepeatedly({false, 20250301, 60, 12, 500, 40000}, check, &rounds, &max_acked);
  EXPECT_GE(rounds, 10);
  EXPECT_GT(max_acked, 20) << "the child never got going; the test proved nothing";
  std::printf("crash test: %d kills, %lld entries acknowledged\n", rounds,
              static_cast<long long>(max_acked + 1));
}

// Issue 23 item 1: after any SIGKILL, every entry acknowledged with a receipt lies inside the
// latest signed checkpoint. Longer delays than above: a receipt is two commits and a signature.
TEST(EvidenceLogCrashTest, SigkillLeavesEveryAcknowledgedEntryInsideASignedTree) {
  int rounds = 0;
  int64_t max_acked = -1;
  auto check = [](EvidenceLog& log, int64_t acked, int round) {
    auto last = log.LatestCheckpoint();
    ASSERT_TRUE(last.ok()) << last.status().ToString();
    if (acked < 0) return;
    ASSERT_TRUE(last->has_value()) << "round " << round;
    ASSERT_GT(static_cast<int64_t>((*last)->checkpoint.size), acked)
        << "round " << round << ": entry " << acked << " was acknowledged outside a signed tree";
  };
  KillRepeatedly({true, 20261207, 40, 10, 2000, 100000}, check, &rounds, &max_acked);
  EXPECT_GE(rounds, 10);
  EXPECT_GT(max_acked, 20) << "the child never got going; the test proved nothing";
  std::printf("receipt crash test: %d kills, %lld entries acknowledged with receipts\n", rounds,
              static_cast<long long>(max_acked + 1));
}

}  // namespace
}  // namespace jianmei::store
