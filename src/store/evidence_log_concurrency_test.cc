// Several processes on one home: opening while another process writes must not raise a false
// corruption alarm, and processes creating a log together must end up with one key.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

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

}  // namespace
}  // namespace jianmei::store
