#include "store/migrations.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "store/test_util.h"

namespace jianmei::store {
namespace {

int Version(Db* db, const char* component) {
  auto q = db->Prepare("SELECT version FROM schema_versions WHERE component = ?1");
  EXPECT_TRUE(q.ok());
  q->BindText(1, component);
  auto row = q->Step();
  return row.ok() && *row ? static_cast<int>(q->Int(0)) : -1;
}

TEST(Migrations, ComponentsKeepTheirOwnVersionsInOneFile) {
  TempDir dir;
  auto db = Db::Open(DatabasePath(dir.path()));
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(ConfigureConnection(db->get()).ok());
  std::vector<std::string> a = {"CREATE TABLE a1(x);", "CREATE TABLE a2(x);"};
  std::vector<std::string> b = {"CREATE TABLE b1(x);"};
  ASSERT_TRUE(Migrate(db->get(), "a", a).ok());
  ASSERT_TRUE(Migrate(db->get(), "b", b).ok());
  EXPECT_EQ(Version(db->get(), "a"), 2);
  EXPECT_EQ(Version(db->get(), "b"), 1);
  // Re-running applies nothing (CREATE TABLE would fail if it did); a new migration applies alone.
  ASSERT_TRUE(Migrate(db->get(), "a", a).ok());
  a.push_back("CREATE TABLE a3(x);");
  ASSERT_TRUE(Migrate(db->get(), "a", a).ok());
  EXPECT_EQ(Version(db->get(), "a"), 3);
}

TEST(Migrations, RefusesANewerFileAndRollsBackAFailedStep) {
  TempDir dir;
  auto db = Db::Open(DatabasePath(dir.path()));
  ASSERT_TRUE(db.ok());
  std::vector<std::string> two = {"CREATE TABLE t1(x);", "CREATE TABLE t2(x);"};
  ASSERT_TRUE(Migrate(db->get(), "c", two).ok());
  std::vector<std::string> one = {"CREATE TABLE t1(x);"};
  Status s = Migrate(db->get(), "c", one);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("newer than this build's 1"), std::string::npos) << s.message();

  std::vector<std::string> bad = {"CREATE TABLE u1(x);", "CREATE TABLE u2(x); SELECT * FROM nowhere;"};
  EXPECT_FALSE(Migrate(db->get(), "d", bad).ok());
  EXPECT_EQ(Version(db->get(), "d"), 1);
  auto q = db->get()->Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'u2'");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(q->Step().ok());
  EXPECT_EQ(q->Int(0), 0) << "a failed migration must leave nothing behind";
}

TEST(Migrations, ConnectionsMigratingANewFileTogetherApplyEachStepOnce) {
  TempDir dir;
  std::vector<std::string> steps = {"CREATE TABLE s1(x);", "CREATE TABLE s2(x);",
                                    "CREATE TABLE s3(x);"};
  constexpr int kThreads = 4;
  std::vector<std::string> failures;
  for (int round = 0; round < 20; ++round) {
    std::string path = dir.path() + "/db" + std::to_string(round);
    std::atomic<int> ready{0};
    std::vector<std::string> errors(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        auto db = Db::Open(path);
        ++ready;
        while (ready < kThreads) std::this_thread::yield();  // start together
        Status s = db.ok() ? ConfigureConnection(db->get()) : db.status();
        if (s.ok()) s = Migrate(db->get(), "c", steps);
        if (!s.ok()) errors[t] = s.ToString();
      });
    }
    for (std::thread& th : threads) th.join();
    for (const std::string& e : errors) {
      if (!e.empty()) failures.push_back(path + ": " + e);
    }
  }
  EXPECT_TRUE(failures.empty()) << failures.size()
                                << " connections failed; first: " << failures.front();
}

}  // namespace
}  // namespace jianmei::store
