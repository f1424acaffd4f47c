// The compiled lexicon is cached and reloaded, and a reload swaps screeners atomically while
// other threads screen (run under ASan+UBSan in CI).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "kb/lexicon.h"
#include "match/scanner.h"
#include "screen/screener_slot.h"
#include "tests/test_screener.h"

namespace jianmei {
namespace {

TEST(EvasionReload, SecondCompileLoadsTheCachedDatabasesAndScansTheSame) {
  auto screener = testing::RepoScreener();
  ASSERT_TRUE(screener);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("jianmei-cache-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  match::ScannerOptions options{dir.string()};
  auto first = match::Scanner::Compile(kb::BuildLexicon(screener->knowledge()), options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE((*first)->from_cache());
  auto second = match::Scanner::Compile(kb::BuildLexicon(screener->knowledge()), options);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE((*second)->from_cache());
  EXPECT_GT((*second)->pinyin_pattern_count(), 100u);

  for (const char* text : {"做了xiao腿zu断，加v", "小小腿腿阻阻断断", "xtzd 了解一下", "打了瘦臉針"}) {
    const text::NormalizedText nt = screener->normalizer().Normalize(text);
    std::vector<match::Hit> a, b;
    auto sa = (*first)->NewScratch();
    auto sb = (*second)->NewScratch();
    ASSERT_TRUE((*first)->Scan(nt, **sa, &a).ok());
    ASSERT_TRUE((*second)->Scan(nt, **sb, &b).ok());
    ASSERT_EQ(a.size(), b.size()) << text;
    EXPECT_FALSE(a.empty()) << text;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].entry, b[i].entry);
      EXPECT_EQ(a[i].span, b[i].span);
    }
  }
  // A corrupt cache file is rebuilt, not trusted.
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    std::filesystem::resize_file(f.path(), 100);
  }
  auto third = match::Scanner::Compile(kb::BuildLexicon(screener->knowledge()), options);
  ASSERT_TRUE(third.ok());
  EXPECT_FALSE((*third)->from_cache());
  std::filesystem::remove_all(dir);
}

TEST(EvasionReload, SwapWhileScreeningNeverMixesScratchOrFreesInUse) {
  auto screener = testing::RepoScreener();
  ASSERT_TRUE(screener);
  auto normalizer = text::Normalizer::Create();
  ASSERT_TRUE(normalizer.ok());
  screen::ScreenerSlot slot(screener);
  std::atomic<bool> stop{false};
  std::atomic<int> violations{0}, screens{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&] {
      screen::SlotScreener handle(slot);
      while (!stop.load()) {
        auto r = handle.Screen("小腿神经阻断术，没有副作用，加v私聊");
        if (r.ok() && r->verdict == screen::Verdict::kViolation) ++violations;
        ++screens;
      }
    });
  }
  for (int i = 0; i < 3; ++i) {  // each reload compiles a fresh screener from the same kb
    auto next = screen::Screener::Create(
        std::shared_ptr<const kb::Knowledge>(screener, &screener->knowledge()), *normalizer);
    ASSERT_TRUE(next.ok());
    slot.Swap(*next);
  }
  while (screens.load() < 50) std::this_thread::yield();
  stop = true;
  for (auto& th : threads) th.join();
  EXPECT_EQ(violations.load(), screens.load());
}

}  // namespace
}  // namespace jianmei
