#include "image/ocr_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace jianmei::image {
namespace {

using ::testing::HasSubstr;

// tests/images/poster_zh.png is tests/images/poster_zh.html rendered by headless Chromium at
// 480 × 320: four lines of text, the first (小腿肌肉阻断术, 34 px bold) 20 px from the top.
std::string Poster() {
  std::ifstream in(std::string(JIANMEI_SOURCE_DIR) + "/tests/images/poster_zh.png", std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

const OcrEngine& Engine() {
  static const auto engine = [] {
    auto e = OcrEngine::Create();
    EXPECT_TRUE(e.ok()) << e.status().message();
    return *e;
  }();
  return *engine;
}

TEST(OcrEngine, ReadsThePostersLinesWithBoxes) {
  auto scratch = Engine().NewScratch();
  ASSERT_TRUE(scratch.ok());
  auto text = Engine().Read(Poster(), **scratch);
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ(text->width, 480);
  EXPECT_EQ(text->height, 320);
  EXPECT_THAT(text->text, HasSubstr("小腿肌肉阻断术"));
  EXPECT_THAT(text->text, HasSubstr("没有副作用"));
  EXPECT_THAT(text->text, HasSubstr("39800"));
  // No space between Chinese words: the screener would take it for an evasion.
  EXPECT_THAT(text->text, ::testing::Not(HasSubstr("小 腿")));
  ASSERT_GE(text->lines.size(), 4u);
  const size_t at = text->text.find("小腿肌肉阻断术");
  Box box;
  float confidence = 0;
  ASSERT_TRUE(text->Locate({static_cast<uint32_t>(at), static_cast<uint32_t>(at + 21)}, &box, &confidence));
  // The first line, 34 px high, begins 20 px from the top and the left.
  EXPECT_GE(box.y, 10);
  EXPECT_LE(box.y + box.h, 80);
  EXPECT_GE(box.x, 10);
  EXPECT_LE(box.x, 40);
  EXPECT_GT(box.w, 34 * 5);
  EXPECT_GT(confidence, 0.5f);
  EXPECT_LE(confidence, 1.0f);
  for (const OcrWord& w : text->words) {
    EXPECT_LE(w.span.end, text->text.size());
    EXPECT_GE(w.box.x, 0);
    EXPECT_LE(w.box.x + w.box.w, 480);
    EXPECT_LE(w.box.y + w.box.h, 320);
  }
}

TEST(OcrEngine, ThreadsWithTheirOwnScratchReadTheSame) {
  const std::string poster = Poster();
  std::string texts[2];
  std::thread threads[2];
  for (int i = 0; i < 2; ++i) {
    threads[i] = std::thread([&, i] {
      auto scratch = Engine().NewScratch();
      if (!scratch.ok()) return;
      auto text = Engine().Read(poster, **scratch);
      if (text.ok()) texts[i] = text->text;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_FALSE(texts[0].empty());
  EXPECT_EQ(texts[0], texts[1]);
}

TEST(OcrEngine, BadBytesAreAnErrorNotACrash) {
  auto scratch = Engine().NewScratch();
  ASSERT_TRUE(scratch.ok());
  const std::string poster = Poster();
  auto r = Engine().Read(poster.substr(0, poster.size() / 3), **scratch);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("truncated or corrupt PNG"));
  // The scratch still reads a good image afterwards.
  EXPECT_TRUE(Engine().Read(poster, **scratch).ok());
}

TEST(OcrEngine, AnUnknownPageSegmentationModeFailsAtCreate) {
  OcrOptions options;
  options.page_segmentation = 99;
  auto e = OcrEngine::Create(options);
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(e.status().message(), HasSubstr("page segmentation mode 99"));
}

TEST(OcrEngine, MissingLanguageDataFailsAtCreate) {
  OcrOptions options;
  options.languages = "no_such_language";
  auto e = OcrEngine::Create(options);
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(e.status().message(), HasSubstr("no_such_language"));
}

TEST(OcrEngine, MissingLanguageDataCanWaitForTheFirstImage) {
  OcrOptions options;
  options.languages = "no_such_language";
  auto e = OcrEngine::Create(options, LanguageCheck::kAtFirstImage);
  ASSERT_TRUE(e.ok()) << e.status().message();
  auto scratch = (*e)->NewScratch();
  ASSERT_FALSE(scratch.ok());
  EXPECT_THAT(scratch.status().message(), HasSubstr("no_such_language"));
}

}  // namespace
}  // namespace jianmei::image
