// Several processes (or connections) on one home: opening while another process writes must not
// raise a false corruption alarm, two processes creating a log must end up with one key, and
// objects opened before someone else's append must append after it rather than over it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "evidence/tree.h"
#include "store/evidence_log.h"
#include "store/test_util.h"

namespace jianmei::store {
namespace {

using Clock = std::chrono::steady_clock;

// Reports a child's failure through the pipe (the parent prints it) and exits non-zero.
[[noreturn]] void ChildFail(int fd, const std::string& what) {
  std::string line = what + "\n";
  (void)!write(fd, line.data(), line.size());
  _exit(1);
}

std::string ReadAll(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

// Writes like `jianmei evidence add` followed by `jianmei evidence checkpoint`, in a loop, each
// with a fresh open, until killed.
[[noreturn]] void ChildWriter(const LogOptions& options, int err_fd) {
  for (int i = 0;; ++i) {
    LogOptions o = options;
    o.mode = OpenMode::kQuickAudit;
    auto log = EvidenceLog::Open(o);
    if (!log.ok()) ChildFail(err_fd, "writer open: " + log.status().ToString());
    if (auto idx = (*log)->Append(SampleEntry(i)); !idx.ok()) {
      ChildFail(err_fd, "writer append: " + idx.status().ToString());
    }
    if (auto cp = (*log)->MakeCheckpoint(); !cp.ok()) {
      ChildFail(err_fd, "writer checkpoint: " + cp.status().ToString());
    }
  }
}

class EvidenceLogConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override { opts_.home = dir_.path() + "/home"; }
  TempDir dir_;
  LogOptions opts_;
};

TEST_F(EvidenceLogConcurrencyTest, OpeningWhileAnotherProcessWritesFindsNoCorruption) {
  {
    auto log = EvidenceLog::Open(opts_);
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    for (int i = 0; i < 50; ++i) ASSERT_TRUE((*log)->Append(SampleEntry(i)).ok());
    ASSERT_TRUE((*log)->MakeCheckpoint().ok());
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    ChildWriter(opts_, fds[1]);
  }
  close(fds[1]);
  int opens = 0;
  std::vector<std::string> failures;
  auto start = Clock::now();
  while (Clock::now() - start < std::chrono::seconds(3)) {
    for (OpenMode mode : {OpenMode::kFullAudit, OpenMode::kQuickAudit}) {
      LogOptions o = opts_;
      o.mode = mode;
      auto log = EvidenceLog::Open(o);
      ++opens;
      if (!log.ok()) failures.push_back(log.status().ToString());
    }
  }
  kill(pid, SIGKILL);
  int wstatus = 0;
  ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
  std::string child_error = ReadAll(fds[0]);
  close(fds[0]);
  EXPECT_TRUE(WIFSIGNALED(wstatus)) << "the writer failed: " << child_error;
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << opens
                                << " opens failed; first: " << failures.front();
  auto log = EvidenceLog::Open(opts_);
  EXPECT_TRUE(log.ok()) << log.status().ToString();
}

TEST_F(EvidenceLogConcurrencyTest, ProcessesCreatingOneLogTogetherAgreeOnItsKey) {
  constexpr int kChildren = 3;
  int rounds = 0;
  std::vector<std::string> failures;
  auto start = Clock::now();
  while (rounds < 20 && Clock::now() - start < std::chrono::seconds(3)) {
    opts_.home = dir_.path() + "/home" + std::to_string(rounds++);
    int go[2], err[2];
    ASSERT_EQ(pipe(go), 0);
    ASSERT_EQ(pipe(err), 0);
    std::vector<pid_t> pids;
    for (int c = 0; c < kChildren; ++c) {
      pid_t pid = fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) {
        close(go[1]);
        close(err[0]);
        char b;
        (void)!read(go[0], &b, 1);  // EOF when the parent closes its end: all start together
        auto log = EvidenceLog::Open(opts_);
        if (!log.ok()) ChildFail(err[1], log.status().ToString());
        _exit(0);
      }
      pids.push_back(pid);
    }
    close(go[0]);
    close(err[1]);
    close(go[1]);
    for (pid_t pid : pids) {
      int wstatus = 0;
      ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
    }
    std::string errors = ReadAll(err[0]);
    close(err[0]);
    auto log = EvidenceLog::Open(opts_);
    if (!log.ok()) errors += "afterwards: " + log.status().ToString();
    if (!errors.empty()) failures.push_back(opts_.home + ": " + errors);
  }
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << rounds
                                << " rounds failed; first: " << failures.front();
}

TEST_F(EvidenceLogConcurrencyTest, ObjectsOpenedEarlierAppendAndCheckpointAfterOthers) {
  auto a = EvidenceLog::Open(opts_);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = EvidenceLog::Open(opts_);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  evidence::MemoryTree ref;
  auto append = [&](EvidenceLog* log, int i) {
    auto idx = log->Append(SampleEntry(i));
    ASSERT_TRUE(idx.ok()) << idx.status().ToString();
    EXPECT_EQ(*idx, ref.size());
    ref.Append(evidence::HashLeaf(*evidence::EncodeEntry(SampleEntry(i))));
  };
  append(a->get(), 0);
  append(b->get(), 1);  // b still holds the empty tree it opened
  append(a->get(), 2);
  auto cb = (*b)->MakeCheckpoint();
  ASSERT_TRUE(cb.ok()) << cb.status().ToString();
  EXPECT_EQ(cb->checkpoint.size, 3u);
  EXPECT_EQ(cb->checkpoint.root, ref.Root());
  append(a->get(), 3);
  auto ca = (*a)->MakeCheckpoint();
  ASSERT_TRUE(ca.ok()) << ca.status().ToString();
  EXPECT_EQ(ca->checkpoint.size, 4u);
  auto again = (*b)->MakeCheckpoint();  // nothing new since a's checkpoint: a's is returned
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->note, ca->note);
  a->reset();
  b->reset();
  auto log = EvidenceLog::Open(opts_);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ((*log)->size(), 4u);
  EXPECT_EQ((*log)->Root(), ref.Root());
}

// While a's checkpoint of size 3 waits for its timestamp (no lock is held then), b stores a
// checkpoint of size 3 and then one of size 4: a's size is stored already, though not as the
// latest, and a returns that one instead of failing to store a second.
TEST_F(EvidenceLogConcurrencyTest, ACheckpointOfTheSameSizeStoredWhileThisOneWasTimestampedIsReturned) {
  auto a = EvidenceLog::Open(opts_);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = EvidenceLog::Open(opts_);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE((*a)->Append(SampleEntry(i)).ok());
  std::string b_note;
  auto slow_tsa = [&](std::string_view) -> Result<std::string> {
    auto at3 = (*b)->MakeCheckpoint();
    EXPECT_TRUE(at3.ok()) << at3.status().ToString();
    if (at3.ok()) b_note = at3->note;
    EXPECT_TRUE((*b)->Append(SampleEntry(3)).ok());
    auto at4 = (*b)->MakeCheckpoint();
    EXPECT_TRUE(at4.ok()) << at4.status().ToString();
    return std::string("a token never stored");
  };
  auto ca = (*a)->MakeCheckpoint(slow_tsa);
  ASSERT_TRUE(ca.ok()) << ca.status().ToString();
  EXPECT_EQ(ca->checkpoint.size, 3u);
  EXPECT_EQ(ca->note, b_note);
  EXPECT_TRUE(ca->timestamp_token.empty());
  a->reset();
  b->reset();
  auto log = EvidenceLog::Open(opts_);  // the full audit of both stored checkpoints
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  auto latest = (*log)->LatestCheckpoint();
  ASSERT_TRUE(latest.ok() && *latest);
  EXPECT_EQ((*latest)->checkpoint.size, 4u);
}

TEST_F(EvidenceLogConcurrencyTest, ThreadsWithTheirOwnObjectsAppendWithoutCollisions) {
  ASSERT_TRUE(EvidenceLog::Open(opts_).ok());
  constexpr int kThreads = 2, kEach = 40;
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto log = EvidenceLog::Open(opts_);
      if (!log.ok()) {
        errors[t] = log.status().ToString();
        return;
      }
      for (int i = 0; i < kEach; ++i) {
        auto idx = (*log)->Append(SampleEntry(t * kEach + i));
        if (!idx.ok()) {
          errors[t] = "append: " + idx.status().ToString();
          return;
        }
        if (i % 8 == 7) {
          if (auto cp = (*log)->MakeCheckpoint(); !cp.ok()) {
            errors[t] = "checkpoint: " + cp.status().ToString();
            return;
          }
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(errors[t], "") << "thread " << t;
  auto log = EvidenceLog::Open(opts_);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ((*log)->size(), static_cast<uint64_t>(kThreads * kEach));
}

}  // namespace
}  // namespace jianmei::store
