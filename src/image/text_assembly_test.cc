#include "image/text_assembly.h"

#include <gtest/gtest.h>

namespace jianmei::image {
namespace {

std::string Join(std::initializer_list<std::string_view> pieces, char separator) {
  std::string text;
  for (std::string_view p : pieces) AppendPiece(p, separator, &text);
  return text;
}

TEST(TextAssembly, HanWordsAreJoinedWithoutSpaces) {
  EXPECT_EQ(Join({"小", "腿", "肌肉", "阻断术"}, ' '), "小腿肌肉阻断术");
}

TEST(TextAssembly, LatinWordsKeepTheirSeparator) {
  EXPECT_EQ(Join({"VIP", "price"}, ' '), "VIP price");
  EXPECT_EQ(Join({"VIP", "price"}, '\n'), "VIP\nprice");
}

TEST(TextAssembly, AJoinBesideHanNeedsNoSeparator) {
  EXPECT_EQ(Join({"原价59800", "现价39800"}, ' '), "原价59800现价39800");
  EXPECT_EQ(Join({"私信预约", "VIP", "专享"}, ' '), "私信预约VIP专享");
}

TEST(TextAssembly, FullWidthPunctuationCountsAsCjk) {
  EXPECT_EQ(Join({"没有副作用！", "OK"}, ' '), "没有副作用！OK");
}

TEST(TextAssembly, ReturnsWherePieceBegins) {
  std::string text = "ab";
  EXPECT_EQ(AppendPiece("cd", ' ', &text), 3u);
  EXPECT_EQ(AppendPiece("腿", ' ', &text), 5u);
  EXPECT_EQ(text, "ab cd腿");
}

TEST(TextAssembly, IsCjkKnowsTheBlocks) {
  EXPECT_TRUE(IsCjk(U'腿'));
  EXPECT_TRUE(IsCjk(U'。'));
  EXPECT_TRUE(IsCjk(U'Ａ'));
  EXPECT_FALSE(IsCjk(U'A'));
  EXPECT_FALSE(IsCjk(U'9'));
  EXPECT_FALSE(IsCjk(U'😀'));
}

}  // namespace
}  // namespace jianmei::image
