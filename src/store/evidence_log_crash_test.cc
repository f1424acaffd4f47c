// Crash safety: a child process appends entries and is SIGKILLed at random moments, many times.
// After every kill the log must open (full audit), hold every entry the child acknowledged
// (acks are written to a pipe only after Append's commit returned), hold no partial entry and
// stay consistent with its last signed checkpoint.
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

[[noreturn]] void ChildAppend(const LogOptions& opts, int ack_fd) {
  LogOptions o = opts;
  o.mode = OpenMode::kQuickAudit;
  auto log = EvidenceLog::Open(o);
  if (!log.ok()) _exit(2);
  for (;;) {
    uint64_t next = (*log)->size();
    auto idx = (*log)->Append(SampleEntry(static_cast<int>(next)));
    if (!idx.ok() || *idx != next) _exit(3);
    if (write(ack_fd, &next, sizeof next) != sizeof next) _exit(4);
    if (next % 7 == 6 && !(*log)->MakeCheckpoint().ok()) _exit(5);
  }
}

TEST(EvidenceLogCrashTest, SigkillAtRandomMomentsLosesNoAcknowledgedEntry) {
  TempDir dir;
  LogOptions opts;
  opts.home = dir.path() + "/home";
  { ASSERT_TRUE(EvidenceLog::Open(opts).ok()); }
  std::mt19937 rng(20250301);
  auto start = std::chrono::steady_clock::now();
  int rounds = 0;
  int64_t max_acked = -1;
  while (rounds < 60 && std::chrono::steady_clock::now() - start < std::chrono::seconds(12)) {
    ++rounds;
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      ChildAppend(opts, fds[1]);
    }
    close(fds[1]);
    usleep(std::uniform_int_distribution<int>(500, 40000)(rng));
    kill(pid, SIGKILL);
    int wstatus = 0;
    ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "child exited on its own with " << WEXITSTATUS(wstatus);
    uint64_t ack;
    while (read(fds[0], &ack, sizeof ack) == sizeof ack) {
      max_acked = std::max<int64_t>(max_acked, static_cast<int64_t>(ack));
    }
    close(fds[0]);

    auto log = EvidenceLog::Open(opts);  // full audit: every entry decodes and re-hashes
    ASSERT_TRUE(log.ok()) << "round " << rounds << ": " << log.status().ToString();
    ASSERT_GE(static_cast<int64_t>((*log)->size()), max_acked + 1) << "round " << rounds;
    for (int64_t i = 0; i <= max_acked; i += 1 + i / 8) {
      auto e = (*log)->GetEntry(static_cast<uint64_t>(i));
      ASSERT_TRUE(e.ok()) << e.status().ToString();
      ASSERT_EQ(*e, SampleEntry(static_cast<int>(i)));
    }
    auto last = (*log)->LatestCheckpoint();
    ASSERT_TRUE(last.ok()) << last.status().ToString();
    if (*last) {
      const evidence::Checkpoint& cp = (*last)->checkpoint;
      auto proof = (*log)->ConsistencyProof(cp.size, (*log)->size());
      ASSERT_TRUE(proof.ok());
      ASSERT_TRUE(
          evidence::VerifyConsistency(cp.size, (*log)->size(), *proof, cp.root, (*log)->Root()).ok());
    }
  }
  EXPECT_GE(rounds, 10);
  EXPECT_GT(max_acked, 20) << "the child never got going; the test proved nothing";
  std::printf("crash test: %d kills, %lld entries acknowledged\n", rounds,
              static_cast<long long>(max_acked + 1));
}

}  // namespace
}  // namespace jianmei::store
