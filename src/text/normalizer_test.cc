#include "text/normalizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jianmei::text {
namespace {

class NormalizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto n = Normalizer::Create();
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    norm_ = *n;
  }
  std::shared_ptr<const Normalizer> norm_;
};

// Reference: the original slice of a folded span, recomputed independently of ToOriginal.
std::string Slice(const std::string& original, const NormalizedText& t, size_t fb, size_t fe) {
  return original.substr(t.orig_begin[fb], t.orig_end[fe - 1] - t.orig_begin[fb]);
}

TEST_F(NormalizerTest, RemovesSpacingAndSymbolsBetweenCharacters) {
  std::string in = "做了小 腿*阻·断";
  NormalizedText t = norm_->Normalize(in);
  EXPECT_EQ(t.folded, "做了小腿阻断");
  size_t at = t.folded.find("小腿阻断");
  Span f{static_cast<uint32_t>(at), static_cast<uint32_t>(at + std::string("小腿阻断").size())};
  EXPECT_EQ(f.Slice(t.folded), "小腿阻断");
  EXPECT_EQ(t.ToOriginal(f).Slice(in), "小 腿*阻·断");
  uint8_t ev = t.EvasionIn(f);
  EXPECT_TRUE(ev & kEvasionSpacing);
  EXPECT_TRUE(ev & kEvasionSymbols);
  EXPECT_FALSE(ev & kEvasionTraditional);
}

TEST_F(NormalizerTest, FoldsWidthCaseAndTraditional) {
  std::string in = "ＮＯ１的熱瑪吉，零風險";
  NormalizedText t = norm_->Normalize(in);
  EXPECT_EQ(t.folded, "no1的热玛吉零风险");
  auto pos = t.folded.find("零风险");
  Span f{static_cast<uint32_t>(pos), static_cast<uint32_t>(t.folded.size())};
  EXPECT_EQ(t.ToOriginal(f).Slice(in), "零風險");
  EXPECT_EQ(t.EvasionIn(f), kEvasionTraditional);  // the comma before it is outside the match
  Span no1{0, 3};
  EXPECT_EQ(t.ToOriginal(no1).Slice(in), "ＮＯ１");
  EXPECT_EQ(t.EvasionIn(no1), kEvasionWidth);
}

TEST_F(NormalizerTest, PlainAsciiCaseIsNotAnEvasion) {
  NormalizedText t = norm_->Normalize("加VX");
  EXPECT_EQ(t.folded, "加vx");
  EXPECT_EQ(t.EvasionIn({0, static_cast<uint32_t>(t.folded.size())}), 0);
}

TEST_F(NormalizerTest, CompatibilityDigitsAndEnclosedForms) {
  NormalizedText t = norm_->Normalize("①次见效 ⑸ ㈤");
  EXPECT_EQ(t.folded, "1次见效5五");
}

TEST_F(NormalizerTest, KeepsPercentYenAndDecimalPoint) {
  EXPECT_EQ(norm_->Normalize("有效率高达98.5%！仅需￥3.98w").folded, "有效率高达98.5%仅需¥3.98w");
  EXPECT_EQ(norm_->Normalize("39,800元。联系").folded, "39800元联系");
  EXPECT_EQ(norm_->Normalize("结束. 下一句").folded, "结束下一句");
}

TEST_F(NormalizerTest, RecordsClauseBreaks) {
  NormalizedText t = norm_->Normalize("没有副作用，不反弹。仅需39800");
  ASSERT_EQ(t.breaks.size(), 2u);
  EXPECT_FALSE(t.breaks[0].strong);
  EXPECT_TRUE(t.breaks[1].strong);
  EXPECT_EQ(t.folded.substr(t.breaks[0].pos, 3), "不");
  EXPECT_EQ(t.ClauseIndex(0), 0);
  EXPECT_EQ(t.ClauseIndex(t.breaks[1].pos), 2);
  EXPECT_TRUE(t.CrossesBreak({0, static_cast<uint32_t>(t.folded.size())}, true));
  EXPECT_FALSE(t.CrossesBreak({0, t.breaks[0].pos}, false));
}

TEST_F(NormalizerTest, EmojiBetweenCharactersIsSymbolNoise) {
  std::string in = "小腿💉阻断";
  NormalizedText t = norm_->Normalize(in);
  EXPECT_EQ(t.folded, "小腿阻断");
  EXPECT_EQ(t.EvasionIn({0, static_cast<uint32_t>(t.folded.size())}), kEvasionSymbols);
}

TEST_F(NormalizerTest, InvalidUtf8NeverBreaksTheMap) {
  std::string in = "小\xFF腿\xE5\xB0";
  NormalizedText t = norm_->Normalize(in);
  EXPECT_EQ(t.folded, "小腿");
  EXPECT_EQ(Slice(in, t, 0, t.folded.size()), "小\xFF腿");
}

TEST_F(NormalizerTest, MapIsExactForEveryFoldedByte) {
  // Invariant on a mixed text: each folded character, re-folded from its original slice alone,
  // gives itself back, and original ranges never go backwards.
  std::string in = "韓國進口肉毒，ＶＸ：ab12 📞 一次見效!!! 100%有效 ⑴";
  NormalizedText t = norm_->Normalize(in);
  ASSERT_EQ(t.orig_begin.size(), t.folded.size());
  for (size_t i = 1; i < t.folded.size(); ++i) {
    EXPECT_LE(t.orig_begin[i - 1], t.orig_begin[i]);
    EXPECT_LT(t.orig_begin[i], t.orig_end[i]);
    EXPECT_LE(t.orig_end[i], in.size());
  }
  for (size_t i = 0; i < t.folded.size();) {
    size_t j = i + 1;
    while (j < t.folded.size() && (static_cast<unsigned char>(t.folded[j]) & 0xC0) == 0x80) ++j;
    std::string piece = Slice(in, t, i, j);
    std::string refolded = norm_->Fold(piece);
    EXPECT_NE(refolded.find(t.folded.substr(i, j - i)), std::string::npos) << piece;
    i = j;
  }
}

TEST_F(NormalizerTest, CollapsesRepeatedHanWithExactMap) {
  std::string in = "做了小小腿腿阻阻 阻断断！";
  NormalizedText t = norm_->Normalize(in);
  EXPECT_EQ(t.folded, "做了小腿阻断");
  const auto at = static_cast<uint32_t>(t.folded.find("小腿阻断"));
  Span f{at, static_cast<uint32_t>(t.folded.size())};
  EXPECT_EQ(t.ToOriginal(f).Slice(in), "小小腿腿阻阻 阻断断");
  EXPECT_EQ(t.EvasionIn(f), kEvasionRepeat | kEvasionSpacing);
  EXPECT_EQ(t.Uncollapsed(f), "小小腿腿阻阻阻断断");
  EXPECT_EQ(t.Uncollapsed({0, at}), "做了");
  // Only the first copy's range starts the character; every byte maps inside the input.
  EXPECT_EQ(t.ToOriginal({at, at + 3}).Slice(in), "小小");
}

// A run at the edge of a match is usually two words meeting (本院 + 院长): the span takes only
// the copy next to the rest of the match, and no repeat is reported. A run inside the match,
// or a match made only of runs, is the trick.
TEST_F(NormalizerTest, ARunAtTheEdgeOfAMatchIsNotARepeat) {
  auto check = [&](const std::string& in, const std::string& term, const std::string& span,
                   uint8_t evasion) {
    NormalizedText t = norm_->Normalize(in);
    const size_t at = t.folded.find(term);
    ASSERT_NE(at, std::string::npos) << in;
    const Span f{static_cast<uint32_t>(at), static_cast<uint32_t>(at + term.size())};
    EXPECT_EQ(t.ToOriginal(f).Slice(in), span) << in;
    EXPECT_EQ(t.EvasionIn(f), evasion) << in;
  };
  check("本院院长推荐", "院长推荐", "院长推荐", 0);
  check("本院 院长推荐", "院长推荐", "院长推荐", 0);
  check("找院长长得帅", "找院长", "找院长", 0);
  check("小小腿阻断", "小腿阻断", "小腿阻断", 0);
  check("小小腿腿阻断", "小腿阻断", "小小腿腿阻断", kEvasionRepeat);
  check("隆隆鼻鼻", "隆鼻", "隆隆鼻鼻", kEvasionRepeat);
  check("隆隆 鼻鼻", "隆鼻", "隆隆 鼻鼻", kEvasionRepeat | kEvasionSpacing);
  check("院院", "院", "院院", kEvasionRepeat);
}

TEST_F(NormalizerTest, DoesNotCollapseDigitsLettersOrAcrossSentences) {
  EXPECT_EQ(norm_->Normalize("1000元 aa").folded, "1000元aa");
  EXPECT_EQ(norm_->Normalize("好。好").folded, "好好");
  EXPECT_EQ(norm_->Normalize("做了，了解").folded, "做了了解");
  EXPECT_EQ(norm_->Normalize("v信.信").folded, "v信");
  EXPECT_EQ(norm_->Normalize("妈妈", {.collapse_repeats = false}).folded, "妈妈");
  EXPECT_EQ(norm_->Fold("肉毒毒素"), "肉毒毒素");
  EXPECT_EQ(CollapseRepeats("肉毒毒素100"), "肉毒素100");
}

TEST_F(NormalizerTest, FoldsUnihanVariantsOpenccDoesNotKnow) {
  // U+37E2 is a Unihan variant of 崎 outside GB 2312 and unknown to OpenCC.
  const std::string variant = "\xE3\x9F\xA2";
  NormalizedText t = norm_->Normalize("高" + variant);
  EXPECT_EQ(t.folded, "高崎");
  EXPECT_EQ(t.EvasionIn({0, static_cast<uint32_t>(t.folded.size())}), kEvasionVariant);
}

TEST_F(NormalizerTest, PinyinChannelReadsHanAndLatinAlike) {
  for (const char* in : {"xiao腿zu断", "小腿组断", "xiaotuizuduan", "XIAO tui ZU duan"}) {
    NormalizedText t = norm_->Normalize(in);
    EXPECT_EQ(t.pinyin, "xiaotuizuduan") << in;
    ASSERT_EQ(t.pinyin_folded.size(), t.pinyin.size());
    Span all = t.PinyinToFolded({0, static_cast<uint32_t>(t.pinyin.size())});
    EXPECT_EQ(all, (Span{0, static_cast<uint32_t>(t.folded.size())})) << in;
  }
  NormalizedText t = norm_->Normalize("做xiao腿1号");
  EXPECT_EQ(t.pinyin, "zuoxiaotui hao");
  EXPECT_EQ(t.PinyinToFolded({3, 10}).Slice(t.folded), "xiao腿");
  EXPECT_EQ(t.PinyinToFolded({11, 14}).Slice(t.folded), "号");
}

TEST_F(NormalizerTest, LatinRunsSplitOnlyWhereSomeSyllableSplitAllows) {
  NormalizedText t = norm_->Normalize("xiaotuizuduanshoushu");
  for (uint32_t b : {0u, 4u, 7u, 9u, 13u, 17u, 20u}) EXPECT_TRUE(t.PinyinBoundary(b)) << b;
  // xi|ao and xia|o are splits too, so 2 and 3 are boundaries; x|iao and t|ui are not.
  for (uint32_t b : {1u, 5u, 6u, 14u}) EXPECT_FALSE(t.PinyinBoundary(b)) << b;
  NormalizedText english = norm_->Normalize("hello");  // not pinyin: only its edges
  EXPECT_TRUE(english.PinyinBoundary(0));
  EXPECT_FALSE(english.PinyinBoundary(2));
}

TEST_F(NormalizerTest, EmptyInput) {
  NormalizedText t = norm_->Normalize("");
  EXPECT_TRUE(t.folded.empty());
  EXPECT_TRUE(t.breaks.empty());
}

// Screening threads normalise post after post into one NormalizedText: whatever it held before
// (longer text, repeats, clause breaks, a pinyin channel) must not leak into the next result.
TEST_F(NormalizerTest, NormalizeIntoAReusedResultEqualsAFreshOne) {
  const std::vector<std::string> texts = {
      "小小腿腿肌肉阻斷術，ＶＸ：abc123。xiao腿zu断！💉没有副作用？" + std::string(300, 'a'),
      "成·成",
      "",
      "做了，了解。信.信 3.98元",
      "xiaotuizuduan xtzd 小腿组断",
  };
  NormalizedText reused;
  for (int pass = 0; pass < 2; ++pass) {
    for (const std::string& in : texts) {
      for (NormalizeOptions options : {NormalizeOptions{}, NormalizeOptions{false, false},
                                       NormalizeOptions{true, false}}) {
        norm_->NormalizeInto(in, options, &reused);
        const NormalizedText fresh = norm_->Normalize(in, options);
        SCOPED_TRACE(in);
        EXPECT_EQ(reused.folded, fresh.folded);
        EXPECT_EQ(reused.orig_begin, fresh.orig_begin);
        EXPECT_EQ(reused.orig_end, fresh.orig_end);
        EXPECT_EQ(reused.evasion, fresh.evasion);
        ASSERT_EQ(reused.breaks.size(), fresh.breaks.size());
        for (size_t i = 0; i < fresh.breaks.size(); ++i) {
          EXPECT_EQ(reused.breaks[i].pos, fresh.breaks[i].pos);
          EXPECT_EQ(reused.breaks[i].strong, fresh.breaks[i].strong);
        }
        EXPECT_EQ(reused.repeats, fresh.repeats);
        EXPECT_EQ(reused.pinyin, fresh.pinyin);
        EXPECT_EQ(reused.pinyin_folded, fresh.pinyin_folded);
        EXPECT_EQ(reused.pinyin_flags, fresh.pinyin_flags);
        EXPECT_EQ(reused.latin_runs, fresh.latin_runs);
      }
    }
  }
}

}  // namespace
}  // namespace jianmei::text
