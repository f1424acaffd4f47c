#include "core/utf8.h"

#include <gtest/gtest.h>

namespace jianmei::utf8 {
namespace {

TEST(Utf8, DecodesEachLength) {
  std::string s = "a\xC3\xA9\xE5\xB0\x8F\xF0\x9F\x92\x89";  // a é 小 💉
  size_t len;
  EXPECT_EQ(Decode(s, 0, &len), U'a');
  EXPECT_EQ(len, 1u);
  EXPECT_EQ(Decode(s, 1, &len), U'é');
  EXPECT_EQ(len, 2u);
  EXPECT_EQ(Decode(s, 3, &len), U'小');
  EXPECT_EQ(len, 3u);
  EXPECT_EQ(Decode(s, 6, &len), char32_t{0x1F489});
  EXPECT_EQ(len, 4u);
}

TEST(Utf8, RejectsMalformed) {
  size_t len;
  EXPECT_EQ(Decode("\xC0\xAF", 0, &len), kInvalid);        // overlong '/'
  EXPECT_EQ(Decode("\xED\xA0\x80", 0, &len), kInvalid);    // surrogate
  EXPECT_EQ(Decode("\xE5\xB0", 0, &len), kInvalid);        // truncated
  EXPECT_EQ(Decode("\xF4\x90\x80\x80", 0, &len), kInvalid);  // > U+10FFFF
  EXPECT_EQ(len, 1u);
  EXPECT_EQ(FindInvalid("ok\xE5\xB0\x8F"), std::string_view::npos);
  EXPECT_EQ(FindInvalid("ok\xFFz"), 2u);
}

TEST(Utf8, AppendRoundTrips) {
  for (char32_t cp : {U'a', U'é', U'小', char32_t{0x1F489}}) {
    std::string s;
    Append(cp, &s);
    size_t len;
    EXPECT_EQ(Decode(s, 0, &len), cp);
    EXPECT_EQ(len, s.size());
  }
}

TEST(Utf8, TruncatesOnBoundary) {
  std::string s = "小腿";  // 6 bytes
  EXPECT_EQ(TruncateAtBoundary(s, 4), 3u);
  EXPECT_EQ(TruncateAtBoundary(s, 6), 6u);
  EXPECT_EQ(TruncateAtBoundary(s, 2), 0u);
}

}  // namespace
}  // namespace jianmei::utf8
