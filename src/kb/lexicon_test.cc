#include "kb/lexicon.h"

#include <gtest/gtest.h>

namespace jianmei::kb {
namespace {

TEST(Lexicon, SplitsALeadingNegativeLookBehind) {
  std::u32string not_after;
  EXPECT_EQ(SplitLookBehind("(?<!半)永久", &not_after), "永久");
  EXPECT_EQ(not_after, U"半");
  EXPECT_EQ(SplitLookBehind(R"((?<![\d.])0元(体验|做))", &not_after), "0元(体验|做)");
  EXPECT_EQ(not_after, U"0123456789.");
  EXPECT_EQ(SplitLookBehind("(?<![半全])永久", &not_after), "永久");
  EXPECT_EQ(not_after, U"半全");
  // A '-' first or last in the bracket, or escaped, is the character itself.
  EXPECT_EQ(SplitLookBehind(R"((?<![-.])元)", &not_after), "元");
  EXPECT_EQ(not_after, U"-.");
  EXPECT_EQ(SplitLookBehind(R"((?<![.-])元)", &not_after), "元");
  EXPECT_EQ(not_after, U".-");
  EXPECT_EQ(SplitLookBehind(R"((?<![0\-9])元)", &not_after), "元");
  EXPECT_EQ(not_after, U"0-9");
}

// Anything but a list of characters stays in the pattern, where Vectorscan rejects it.
TEST(Lexicon, LeavesOtherLookBehindsAndPatternsAlone) {
  std::u32string not_after = U"x";
  for (const std::string p :
       {"永久", "(^|[^半])永久", "(?<![^半])永久", R"((?<!\w)永久)", "(?<!半永久", "(?<![半)永久",
        "(?<=半)永久", "(?<!)永久", "a(?<!半)b", "(?<![0-9])元", "(?<![a-z.])元"}) {
    EXPECT_EQ(SplitLookBehind(p, &not_after), p);
    EXPECT_TRUE(not_after.empty()) << p;
  }
}

}  // namespace
}  // namespace jianmei::kb
