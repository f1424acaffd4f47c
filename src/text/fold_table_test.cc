#include "text/fold_table.h"

#include <gtest/gtest.h>

#include <vector>

#include "text/normalized_text.h"

namespace jianmei::text {
namespace {

class FoldTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = FoldTable::Default();
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    table_ = *t;
  }
  // The single folded character of cp (fails the test when the fold has several).
  FoldedChar One(char32_t cp) {
    auto m = table_->Map(cp, &scratch_);
    EXPECT_EQ(m.size(), 1u) << "U+" << std::hex << static_cast<uint32_t>(cp);
    return m.empty() ? FoldedChar{} : m[0];
  }
  std::shared_ptr<const FoldTable> table_;
  std::vector<FoldedChar> scratch_;
};

TEST_F(FoldTableTest, TraditionalCharacterCarriesTheSimplifiedReading) {
  const FoldedChar f = One(U'斷');
  EXPECT_EQ(f.cp, U'断');
  EXPECT_EQ(f.cls, CharClass::kWord);
  EXPECT_TRUE(f.han);
  EXPECT_EQ(f.Syllable(), "duan");
  EXPECT_EQ(f.evasion, kEvasionTraditional);
  // A simplified character is itself, with no evasion.
  const FoldedChar g = One(U'腿');
  EXPECT_EQ(g.cp, U'腿');
  EXPECT_EQ(g.Syllable(), "tui");
  EXPECT_EQ(g.evasion, 0);
}

// OpenCC's reverse HK/TW variant tables list some standard simplified characters as variants
// (著 → 着, 么 → 幺); those keep themselves, so 韩国著名专家 matches 著名 and 什么 stays 什么.
// Their HK/TW-only forms still fold (峯 → 峰, 羣 → 群).
TEST_F(FoldTableTest, SimplifiedCharactersAreNeverTakenForVariants) {
  for (char32_t cp : {U'著', U'么', U'才', U'吃', U'群', U'峰', U'台'}) {
    const FoldedChar f = One(cp);
    EXPECT_EQ(f.cp, cp) << "U+" << std::hex << static_cast<uint32_t>(cp);
    EXPECT_EQ(f.evasion, 0) << "U+" << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_EQ(One(U'峯').cp, U'峰');
  EXPECT_EQ(One(U'羣').cp, U'群');
  EXPECT_EQ(One(U'喫').cp, U'吃');
}

// ￥ and ％ are what Chinese input methods type by default: folded, but no evasion.
TEST_F(FoldTableTest, InputMethodYuanAndPercentAreNotWidthEvasion) {
  EXPECT_EQ(One(U'￥').cp, U'¥');
  EXPECT_EQ(One(U'￥').evasion, 0);
  EXPECT_EQ(One(U'％').cp, U'%');
  EXPECT_EQ(One(U'％').evasion, 0);
  EXPECT_EQ(One(U'１').cp, U'1');
  EXPECT_EQ(One(U'１').evasion, kEvasionWidth);
}

TEST_F(FoldTableTest, LettersOfAnyWidthAreTheirLowerCaseLetter) {
  const FoldedChar full = One(U'Ｘ');
  EXPECT_EQ(full.cp, U'x');
  EXPECT_FALSE(full.han);
  EXPECT_EQ(full.Syllable(), "x");
  EXPECT_EQ(full.evasion, kEvasionWidth);
  const FoldedChar upper = One(U'X');
  EXPECT_EQ(upper.cp, U'x');
  EXPECT_EQ(upper.evasion, 0) << "plain ASCII case is not an evasion";
  // Outside the table's plane: the mathematical bold capital A.
  const FoldedChar bold = One(U'\U0001D400');
  EXPECT_EQ(bold.cp, U'a');
  EXPECT_EQ(bold.Syllable(), "a");
  EXPECT_EQ(bold.evasion, kEvasionWidth);
}

TEST_F(FoldTableTest, DigitsAndSymbolsWriteNoPinyin) {
  const FoldedChar digit = One(U'７');
  EXPECT_EQ(digit.cp, U'7');
  EXPECT_EQ(digit.cls, CharClass::kWord);
  EXPECT_EQ(digit.Syllable(), "");
  EXPECT_EQ(One(U'，').cls, CharClass::kWeakBreak);
  EXPECT_EQ(One(U'。').cls, CharClass::kStrongBreak);
  EXPECT_EQ(One(U'\u3000').cls, CharClass::kSpace);
  const FoldedChar emoji = One(U'\U0001F489');  // 💉
  EXPECT_EQ(emoji.cls, CharClass::kSymbol);
  EXPECT_EQ(emoji.Syllable(), "");
}

TEST_F(FoldTableTest, ExpansionsKeepTheSourceEvasionOnEveryPiece) {
  auto m = table_->Map(U'⑸', &scratch_);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].cp, U'(');
  EXPECT_EQ(m[0].cls, CharClass::kSymbol);
  EXPECT_EQ(m[1].cp, U'5');
  EXPECT_EQ(m[1].cls, CharClass::kWord);
  EXPECT_EQ(m[2].cp, U')');
  for (const FoldedChar& f : m) EXPECT_EQ(f.evasion, kEvasionWidth);
}

// The emoji range (U+1F000–U+1FAFF) is tabled like the basic plane: its enclosed letters fold as
// the slow path folds them, expansions included, and the table's edges agree with what lies
// beyond them.
TEST_F(FoldTableTest, EnclosedLettersOfTheEmojiRangeFoldLikeTheirBasicPlaneForms) {
  const FoldedChar squared = One(U'\U0001F130');  // 🄰 SQUARED LATIN CAPITAL LETTER A
  EXPECT_EQ(squared.cp, U'a');
  EXPECT_EQ(squared.cls, CharClass::kWord);
  EXPECT_EQ(squared.Syllable(), "a");
  EXPECT_EQ(squared.evasion, kEvasionWidth);
  auto m = table_->Map(U'\U0001F110', &scratch_);  // 🄐 PARENTHESIZED LATIN CAPITAL LETTER A
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].cp, U'(');
  EXPECT_EQ(m[1].cp, U'a');
  EXPECT_EQ(m[2].cp, U')');
  for (const FoldedChar& f : m) EXPECT_EQ(f.evasion, kEvasionWidth);
  for (char32_t cp : {U'\U0001F000', U'\U0001FAFF', U'\U0001FB00', U'\U0001F9FF'}) {
    const FoldedChar f = One(cp);
    EXPECT_EQ(f.cp, cp);
    EXPECT_EQ(f.cls, CharClass::kSymbol) << std::hex << static_cast<uint32_t>(cp);
    EXPECT_EQ(f.evasion, 0);
  }
}

TEST_F(FoldTableTest, HanOutsideTheBasicPlaneIsHan) {
  const FoldedChar f = One(U'\U00020000');  // 𠀀, CJK extension B
  EXPECT_TRUE(f.han);
  EXPECT_EQ(f.cls, CharClass::kWord);
}

}  // namespace
}  // namespace jianmei::text
