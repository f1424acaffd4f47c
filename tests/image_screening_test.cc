// Posts with images, end to end: the poster's text is screened by the one pipeline with the
// post's text, its findings say which image and box; bad images are named and the text is
// screened all the same; `scan` reads image files and counts what it could not read.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "cli/scan_command.h"
#include "image/ocr_engine.h"
#include "screen/report_json.h"
#include "screen/report_json_writer.h"
#include "tests/test_screener.h"

namespace jianmei {
namespace {

using ::testing::HasSubstr;

const std::string kPosterPath = std::string(JIANMEI_SOURCE_DIR) + "/tests/images/poster_zh.png";

// tests/images/poster_zh.html rendered at 480 × 320: 小腿肌肉阻断术 (a banned procedure) in its
// first line, 34 px high, 20 px from the top; 没有副作用 永不反弹; 原价59800 现价39800; 私信预约.
std::string Poster() {
  std::ifstream in(kPosterPath, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::shared_ptr<const image::OcrEngine> Ocr(image::OcrOptions options = {}) {
  auto e = image::OcrEngine::Create(std::move(options));
  EXPECT_TRUE(e.ok()) << e.status().message();
  return e.ok() ? *e : nullptr;
}

std::shared_ptr<const screen::Pipeline> PipelineWithOcr() {
  static const auto pipeline = screen::Pipeline::Create(testing::RepoScreener(), nullptr, Ocr());
  return pipeline;
}

screen::Report ScreenPost(const screen::Post& post, const screen::Pipeline& pipeline = *PipelineWithOcr()) {
  auto scratch = pipeline.NewScratch();
  EXPECT_TRUE(scratch.ok());
  auto report = pipeline.Screen(post, **scratch);
  EXPECT_TRUE(report.ok()) << report.status().message();
  return report.ok() ? *report : screen::Report{};
}

const screen::Finding* FindRule(const screen::Report& r, std::string_view rule) {
  for (const auto& f : r.findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

std::string EncodedPix(Pix* pix, int format) {
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixWriteMem(&data, &size, pix, format), 0);
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  pixDestroy(&pix);
  return bytes;
}

// (Each test is a process that spends seconds loading the knowledge base: the cases share few.)
TEST(ImageScreening, APostersFindingsNameTheImageAndBoxAndBothWritersAgree) {
  screen::Post post;
  post.text = "私信了解";
  post.images = {{"poster.png", Poster(), ""}, {"gone.png", "", "cannot read gone.png: no such file"}};
  const screen::Report r = ScreenPost(post);
  ASSERT_EQ(r.images.size(), 2u);
  ASSERT_TRUE(r.images[0].error.empty()) << r.images[0].error;
  EXPECT_EQ(r.verdict, screen::Verdict::kViolation);
  const screen::Finding* banned = FindRule(r, "procedure.banned");
  ASSERT_NE(banned, nullptr) << screen::ReportToJson(r, post.text).dump(1);
  EXPECT_EQ(banned->image, 0);
  EXPECT_EQ(banned->span.Slice(r.images[0].text.text), "小腿肌肉阻断术");
  EXPECT_GE(banned->box.y, 10);
  EXPECT_LE(banned->box.y + banned->box.h, 80);
  EXPECT_GE(banned->ocr_confidence, screen::kMinOcrConfidenceForViolation);
  bool guarantee = false;
  for (const auto& f : r.findings) guarantee |= f.category == Category::kGuaranteeEfficacySafety && f.image == 0;
  EXPECT_TRUE(guarantee) << "没有副作用 on the poster";
  // The caption alone says nothing a rule could hold against it.
  screen::Post caption_only;
  caption_only.text = post.text;
  EXPECT_TRUE(ScreenPost(caption_only).findings.empty());

  std::string fast;
  screen::AppendReportJson(r, post.text, {}, &fast);
  EXPECT_EQ(fast, screen::ReportToJson(r, post.text).dump());
  const auto j = nlohmann::json::parse(fast);
  EXPECT_EQ(j["images"][0]["name"], "poster.png");
  EXPECT_EQ(j["images"][0]["width"], 480);
  EXPECT_EQ(j["images"][1]["error"], "cannot read gone.png: no such file");
  bool sourced = false;
  for (const auto& f : j["findings"]) {
    if (!f.contains("source")) continue;
    sourced = true;
    EXPECT_EQ(f["source"]["image"], 0);
    EXPECT_EQ(f["source"]["box"].size(), 4u);
    EXPECT_GT(f["source"]["ocr_confidence"].get<double>(), 0.0);
  }
  EXPECT_TRUE(sourced);
}

void ExpectEachBadImageNamedWithWhyAndTheTextStillScreened() {
  const std::string poster = Poster();
  screen::Post post;
  post.text = "小腿肌肉阻断术，没有副作用，私信预约";
  post.images = {
      {"truncated.png", poster.substr(0, poster.size() / 2), ""},
      {"empty.png", "", ""},
      {"page.html", "<html><body>hi</body></html>", ""},
      {"bomb.png", EncodedPix(pixCreate(8000, 8000, 1), IFF_PNG), ""},
      {"strip.png", EncodedPix(pixCreate(20000, 8, 1), IFF_PNG), ""},
      {"scan.tif", EncodedPix(pixCreate(20, 20, 8), IFF_TIFF_ZIP), ""},
  };
  const screen::Report r = ScreenPost(post);
  ASSERT_EQ(r.images.size(), 6u);
  const char* why[] = {"truncated or corrupt PNG", "empty (0 bytes)", "not an image in a supported format",
                       "more than the limit of 40000000 (--max-image-pixels)",
                       "a side is longer than the limit of 10000", "TIFF is not a supported format"};
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(r.images[i].name, post.images[i].name);
    EXPECT_THAT(r.images[i].error, HasSubstr(why[i])) << i;
  }
  EXPECT_EQ(r.verdict, screen::Verdict::kViolation);
  const screen::Finding* banned = FindRule(r, "procedure.banned");
  ASSERT_NE(banned, nullptr);
  EXPECT_EQ(banned->image, -1);
  EXPECT_EQ(banned->span.Slice(post.text), "小腿肌肉阻断术");
}

void ExpectImagesBeyondTheCountLimitNamedNotDropped() {
  image::OcrOptions options;
  options.limits.max_count = 1;
  const auto pipeline = screen::Pipeline::Create(testing::RepoScreener(), nullptr, Ocr(options));
  screen::Post post;
  post.text = "x";
  post.images = {{"a.png", "not read: decoding fails first", ""}, {"b.png", Poster(), ""}};
  const screen::Report r = ScreenPost(post, *pipeline);
  ASSERT_EQ(r.images.size(), 2u);
  EXPECT_THAT(r.images[0].error, HasSubstr("not an image"));
  EXPECT_EQ(r.images[1].error, "not read: the post has 2 images, more than the limit of 1 (--max-images)");
}

void ExpectImagesWithoutAnOcrEngineToBeErrorsAndTheTextScreened() {
  screen::Post post;
  post.text = "小腿肌肉阻断术，没有副作用，私信预约";
  post.images = {{"poster.png", Poster(), ""}};
  const screen::Report r = ScreenPost(post, *testing::RepoPipeline());
  ASSERT_EQ(r.images.size(), 1u);
  EXPECT_EQ(r.images[0].error, "not read: this screening has no OCR engine");
  EXPECT_NE(FindRule(r, "procedure.banned"), nullptr);
}

// `scan` leaves Tesseract's start-up to the first image; missing language data then shows on each
// image, never as a lost post.
void ExpectMissingLanguagesNamedOnEachImageAndTheTextScreened() {
  image::OcrOptions options;
  options.languages = "no_such_language";
  auto ocr = image::OcrEngine::Create(options, image::LanguageCheck::kAtFirstImage);
  ASSERT_TRUE(ocr.ok()) << ocr.status().message();
  const auto pipeline = screen::Pipeline::Create(testing::RepoScreener(), nullptr, *ocr);
  screen::Post post;
  post.text = "小腿肌肉阻断术，没有副作用，私信预约";
  post.images = {{"a.png", Poster(), ""}, {"b.png", Poster(), ""}};
  const screen::Report r = ScreenPost(post, *pipeline);
  ASSERT_EQ(r.images.size(), 2u);
  for (const auto& image : r.images) {
    EXPECT_THAT(image.error, HasSubstr("not read: Tesseract cannot load the languages \"no_such_language\""));
  }
  EXPECT_NE(FindRule(r, "procedure.banned"), nullptr);
}

TEST(ImageScreening, BadImagesAreNamedWithWhyAndTheTextIsStillScreened) {
  {
    SCOPED_TRACE("each bad image");
    ExpectEachBadImageNamedWithWhyAndTheTextStillScreened();
  }
  {
    SCOPED_TRACE("over the count limit");
    ExpectImagesBeyondTheCountLimitNamedNotDropped();
  }
  {
    SCOPED_TRACE("no OCR engine");
    ExpectImagesWithoutAnOcrEngineToBeErrorsAndTheTextScreened();
  }
  {
    SCOPED_TRACE("languages missing, found at the first image");
    ExpectMissingLanguagesNamedOnEachImageAndTheTextScreened();
  }
}

TEST(ImageScreening, ScanReadsImageFilesRelativeToTheImageDirAndCountsThoseItCannotRead) {
  cli::ScanOptions options;
  options.threads = 1;
  options.image_dir = std::string(JIANMEI_SOURCE_DIR) + "/tests/images";
  std::istringstream in(
      R"({"id":"p1","text":"私信了解","images":["poster_zh.png","missing.png"]})" "\n"
      R"({"id":"p2","text":"今天天气很好","images":"poster_zh.png"})" "\n");
  std::ostringstream out, err;
  const cli::ScanCounts counts = cli::RunScan(*PipelineWithOcr(), in, out, err, options);
  std::istringstream lines(out.str());
  std::string first, second;
  ASSERT_TRUE(std::getline(lines, first));
  ASSERT_TRUE(std::getline(lines, second));
  const auto p1 = nlohmann::json::parse(first);
  EXPECT_EQ(p1["id"], "p1");
  EXPECT_EQ(p1["verdict"], "violation");
  EXPECT_EQ(p1["images"][0]["name"], "poster_zh.png");
  EXPECT_THAT(p1["images"][0]["text"].get<std::string>(), HasSubstr("小腿肌肉阻断术"));
  EXPECT_EQ(p1["images"][1]["name"], "missing.png");
  EXPECT_THAT(p1["images"][1]["error"].get<std::string>(), HasSubstr("missing.png"));
  const auto p2 = nlohmann::json::parse(second);
  EXPECT_EQ(p2["id"], "p2");
  EXPECT_EQ(p2["error"], "images: must be an array of file paths (strings)");
  EXPECT_EQ(counts.lines, 2u);
  EXPECT_EQ(counts.errors, 1u);
  EXPECT_EQ(counts.image_errors, 1u);
}

}  // namespace
}  // namespace jianmei
