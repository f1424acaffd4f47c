#include "store/files.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "store/test_util.h"

namespace jianmei::store {
namespace {

TEST(FilesTest, ConcurrentAtomicWritesToOnePathAllSucceedAndLeaveOneWholeVersion) {
  TempDir dir;
  std::string path = dir.path() + "/witness";
  constexpr int kThreads = 2, kEach = 150;
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::string data(1000, static_cast<char>('a' + t));
      for (int i = 0; i < kEach && errors[t].empty(); ++i) {
        if (Status s = WriteFileAtomic(path, data); !s.ok()) errors[t] = s.ToString();
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(errors[t], "") << "thread " << t;
  auto text = ReadFile(path);
  ASSERT_TRUE(text.ok());
  EXPECT_TRUE(*text == std::string(1000, 'a') || *text == std::string(1000, 'b'));
  // No temporary file is left behind.
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(e.path().filename());
  }
  EXPECT_EQ(names, std::vector<std::string>{"witness"});
}

TEST(FilesTest, ExclusiveWriteNeverReplacesAnExistingFile) {
  TempDir dir;
  std::string path = dir.path() + "/key";
  auto made = CreateFileExclusive(path, "first", 0600);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_TRUE(*made);
  made = CreateFileExclusive(path, "second", 0600);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_FALSE(*made);
  EXPECT_EQ(*ReadFile(path), "first");
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(e.path().filename());
  }
  EXPECT_EQ(names, std::vector<std::string>{"key"});
}

TEST(FilesTest, RemoveTempFilesTakesOnlyThePathsOwnLeftovers) {
  TempDir dir;
  std::string path = dir.path() + "/witness";
  for (const char* name : {"witness", "witness.tmp.12.0", "witness.tmp.99.7", "witness.tmp.",
                           "witnessX.tmp.1.0", "other.tmp.1.0"}) {
    ASSERT_TRUE(WriteFileAtomic(dir.path() + "/" + name, "x").ok());
  }
  auto removed = RemoveTempFiles(path);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 2);
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(e.path().filename());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"other.tmp.1.0", "witness", "witness.tmp.",
                                             "witnessX.tmp.1.0"}));
  EXPECT_EQ(*RemoveTempFiles(path), 0);
  EXPECT_FALSE(RemoveTempFiles(dir.path() + "/missing/witness").ok());
}

}  // namespace
}  // namespace jianmei::store
