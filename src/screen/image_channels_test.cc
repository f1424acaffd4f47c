#include "screen/image_channels.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace jianmei::screen {
namespace {

using ::testing::HasSubstr;

const text::Normalizer& Normalizer() {
  static const auto normalizer = *text::Normalizer::Create();
  return *normalizer;
}

ImageReading Read(std::string text, std::vector<image::OcrWord> words) {
  ImageReading r;
  r.name = "poster.png";
  r.text.text = std::move(text);
  r.text.words = std::move(words);
  return r;
}

Finding At(uint32_t begin, uint32_t end, std::string rule = "r") {
  Finding f;
  f.span = {begin, end};
  f.rule = std::move(rule);
  return f;
}

TEST(CombineTexts, PostTextThenEachReadImageAfterABlankLine) {
  std::vector<ImageReading> images = {Read("没有副作用", {}), ImageReading{"b.png", "truncated", {}},
                                      Read("VIP", {})};
  const CombinedText c = CombineTexts("私信", images);
  EXPECT_EQ(c.text, "私信\n\n没有副作用\n\nVIP");
  ASSERT_EQ(c.parts.size(), 4u);
  EXPECT_EQ(c.parts[0], (Span{0, 6}));
  EXPECT_EQ(c.parts[1], (Span{8, 23}));
  EXPECT_EQ(c.parts[2], (Span{23, 23}));  // not read: no text
  EXPECT_EQ(c.parts[3], (Span{25, 28}));
}

TEST(AttributeToSources, AnImageFindingGetsItsImageBoxAndLowestConfidence) {
  // "小腿阻断术" (15 bytes) read as three words with their boxes.
  Report report;
  report.images = {Read("小腿阻断术", {{{0, 6}, {10, 20, 40, 20}, 0.9f},
                                     {{6, 12}, {50, 20, 40, 22}, 0.7f},
                                     {{12, 15}, {90, 21, 20, 20}, 0.95f}})};
  const CombinedText c = CombineTexts("私信", report.images);
  report.findings = {At(0, 6, "caption"), At(8, 20, "image")};  // 私信; 小腿阻断
  Mention m;
  m.span = {8, 23};
  report.mentions = {m};
  AttributeToSources(c, Normalizer(), &report);
  ASSERT_EQ(report.findings.size(), 2u);
  EXPECT_EQ(report.findings[0].image, -1);
  EXPECT_EQ(report.findings[0].span, (Span{0, 6}));
  const Finding& f = report.findings[1];
  EXPECT_EQ(f.image, 0);
  EXPECT_EQ(f.span, (Span{0, 12}));
  EXPECT_EQ(f.box, (image::Box{10, 20, 80, 22}));  // the union of the first two words
  EXPECT_FLOAT_EQ(f.ocr_confidence, 0.7f);
  EXPECT_EQ(report.mentions[0].image, 0);
  EXPECT_EQ(report.mentions[0].span, (Span{0, 15}));
  EXPECT_TRUE(report.warnings.empty());
}

TEST(AttributeToSources, AMatchAcrossTwoTextsIsLeftOutWithAWarning) {
  Report report;
  report.images = {Read("副作用", {{{0, 9}, {0, 0, 30, 10}, 0.9f}})};
  const CombinedText c = CombineTexts("没有", report.images);
  report.findings = {At(0, 17, "guarantee.no-side-effects")};  // 没有\n\n副作用
  AttributeToSources(c, Normalizer(), &report);
  EXPECT_TRUE(report.findings.empty());
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_THAT(report.warnings[0], HasSubstr("guarantee.no-side-effects across the post's text and image 0's text"));
}

TEST(AttributeToSources, AFindingAcrossLinesOfAnImageIsNoEvasion) {
  Report report;
  // 没有副 / 作用 on two lines of a poster; " 作用" on the second line of the other image has a space.
  report.images = {Read("没有副\n作用", {{{0, 9}, {0, 0, 30, 10}, 0.9f}, {{10, 16}, {0, 12, 20, 10}, 0.9f}}),
                   Read("没有副\n 作用", {{{0, 9}, {0, 0, 30, 10}, 0.9f}, {{11, 17}, {0, 12, 20, 10}, 0.9f}})};
  const CombinedText c = CombineTexts("", report.images);
  Finding lines = At(c.parts[1].begin, c.parts[1].end);
  lines.evasion = text::kEvasionSymbols | text::kEvasionWidth;
  Finding spaced = At(c.parts[2].begin, c.parts[2].end);
  spaced.evasion = text::kEvasionSymbols | text::kEvasionSpacing;
  report.findings = {lines, spaced};
  AttributeToSources(c, Normalizer(), &report);
  ASSERT_EQ(report.findings.size(), 2u);
  EXPECT_EQ(report.findings[0].evasion, text::kEvasionWidth);  // the newline was layout
  EXPECT_EQ(report.findings[1].evasion, text::kEvasionSpacing);  // the space is still there
}

TEST(ScoreReport, AnUnsureReadingAloneMakesAPromotionSuspectNotAViolation) {
  Report report;
  report.kind = TextKind::kPromotion;
  Finding f = At(0, 3);
  f.severity = Severity::kCritical;
  f.image = 0;
  f.ocr_confidence = kMinOcrConfidenceForViolation - 0.01f;
  report.findings = {f};
  ScoreReport(&report);
  EXPECT_EQ(report.verdict, Verdict::kSuspect);
  report.findings[0].ocr_confidence = kMinOcrConfidenceForViolation;
  ScoreReport(&report);
  EXPECT_EQ(report.verdict, Verdict::kViolation);
  // A caption finding keeps the post a violation whatever the image's confidence.
  report.findings[0].ocr_confidence = 0.1f;
  report.findings.push_back(At(5, 8));
  ScoreReport(&report);
  EXPECT_EQ(report.verdict, Verdict::kViolation);
}

}  // namespace
}  // namespace jianmei::screen
