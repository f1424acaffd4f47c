#include "screen/pipeline.h"

#include <fmt/format.h>

#include "screen/image_channels.h"

namespace jianmei::screen {

std::shared_ptr<const Pipeline> Pipeline::Create(std::shared_ptr<const Screener> screener,
                                                 std::shared_ptr<const InstitutionNames> names,
                                                 std::shared_ptr<const image::OcrEngine> ocr) {
  return std::shared_ptr<const Pipeline>(new Pipeline(std::move(screener), std::move(names), std::move(ocr)));
}

Status Pipeline::Fit(Scratch& scratch) const {
  if (scratch.screen_for != screener_ || !scratch.screen) {
    auto s = screener_->NewScratch();
    if (!s.ok()) return s.status();
    scratch.screen = std::move(*s);
    scratch.screen_for = screener_;
  }
  if (names_ && (scratch.names_for != names_ || !scratch.names)) {
    auto n = names_->NewScratch();
    if (!n.ok()) return n.status();
    scratch.names = std::move(*n);
    scratch.names_for = names_;
  }
  return Status::Ok();
}

Result<std::unique_ptr<Pipeline::Scratch>> Pipeline::NewScratch() const {
  auto scratch = std::make_unique<Scratch>();
  if (Status s = Fit(*scratch); !s.ok()) return s;
  return scratch;
}

std::vector<ImageReading> Pipeline::ReadImages(const std::vector<PostImage>& images,
                                               Scratch& scratch) const {
  std::vector<ImageReading> readings(images.size());
  std::string no_engine;
  if (!ocr_) {
    no_engine = "not read: this screening has no OCR engine";
  } else if (scratch.ocr_for != ocr_ || !scratch.ocr) {
    auto s = ocr_->NewScratch();
    if (s.ok()) {
      scratch.ocr = std::move(*s);
      scratch.ocr_for = ocr_;
    } else {
      no_engine = "not read: " + s.status().message();
    }
  }
  for (size_t i = 0; i < images.size(); ++i) {
    ImageReading& r = readings[i];
    r.name = images[i].name;
    if (!images[i].error.empty()) {
      r.error = images[i].error;
    } else if (!no_engine.empty()) {
      r.error = no_engine;
    } else if (const size_t max = ocr_->options().limits.max_count; i >= max) {
      r.error = fmt::format("not read: the post has {} images, more than the limit of {} (--max-images)",
                            images.size(), max);
    } else if (auto text = ocr_->Read(images[i].bytes, *scratch.ocr); text.ok()) {
      r.text = std::move(*text);
    } else {
      r.error = text.status().message();
    }
  }
  return readings;
}

Result<Report> Pipeline::Screen(const Post& post, Scratch& scratch) const {
  if (post.images.empty()) return Screen(post.text, scratch, post.caller);
  std::vector<ImageReading> readings = ReadImages(post.images, scratch);
  const CombinedText combined = CombineTexts(post.text, readings);
  auto report = ScreenUnscored(combined.text, scratch, post.caller);
  if (!report.ok()) return report;
  report->images = std::move(readings);
  AttributeToSources(combined, screener_->normalizer(), &*report);
  ScoreReport(&*report);
  return report;
}

Result<Report> Pipeline::Screen(std::string_view text, Scratch& scratch,
                                const CallerContext& caller) const {
  auto report = ScreenUnscored(text, scratch, caller);
  if (report.ok()) ScoreReport(&*report);
  return report;
}

Result<Report> Pipeline::ScreenUnscored(std::string_view text, Scratch& scratch,
                                        const CallerContext& caller) const {
  if (Status s = Fit(scratch); !s.ok()) return s;
  auto report = screener_->ScreenUnscored(text, *scratch.screen, caller);
  if (!report.ok()) return report;
  // The screener leaves the text it normalised in its scratch: the registry reads that.
  if (names_) {
    if (Status s = names_->AddFindings(scratch.screen->normalized, *scratch.names, &*report); !s.ok()) {
      return s;
    }
  }
  return report;
}

}  // namespace jianmei::screen
