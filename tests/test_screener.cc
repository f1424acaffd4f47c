#include "tests/test_screener.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <mutex>

namespace jianmei::testing {

std::shared_ptr<const screen::Screener> RepoScreener() {
  static std::once_flag once;
  static std::shared_ptr<const screen::Screener> screener;
  static std::string problems;
  std::call_once(once, [] {
    const char* env = std::getenv("JIANMEI_SOURCE_DIR");
    const std::string dir = std::string(env && *env ? env : JIANMEI_SOURCE_DIR) + "/kb";
    auto normalizer = text::Normalizer::Create();
    if (!normalizer.ok()) {
      problems = normalizer.status().ToString();
      return;
    }
    std::vector<kb::Diagnostic> diagnostics;
    auto kb = kb::Knowledge::Load(dir, *normalizer, &diagnostics);
    if (!kb.ok()) {
      problems = kb.status().ToString();
      for (const auto& d : diagnostics) problems += "\n" + d.ToString();
      return;
    }
    auto s = screen::Screener::Create(*kb, *normalizer);
    if (!s.ok()) {
      problems = s.status().ToString();
      return;
    }
    screener = *s;
  });
  EXPECT_TRUE(screener) << problems;
  return screener;
}

screen::Report ScreenWithRepoKb(const std::string& text) {
  auto screener = RepoScreener();
  if (!screener) return {};
  auto scratch = screener->NewScratch();
  EXPECT_TRUE(scratch.ok());
  if (!scratch.ok()) return {};
  auto report = screener->Screen(text, **scratch);
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return report.ok() ? *report : screen::Report{};
}

}  // namespace jianmei::testing
