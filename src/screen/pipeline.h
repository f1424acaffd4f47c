// Pipeline: the one screening entry point (design doc §4) behind `scan`, `check`, `eval` and
// POST /api/v1/screen: normalise once, match and apply the knowledge base's rules (Screener), add
// the registry's findings over that same normalised text (InstitutionNames, when a registry is in
// use), score once. A post's images are read by the OCR engine (when the pipeline has one) and
// their text screened as part of the post (image_channels.h). Immutable and shared by all
// threads; it keeps its screener, names and OCR engine alive. Each thread screens with its own
// Scratch.
#pragma once

#include <memory>
#include <string_view>

#include "core/status.h"
#include "image/ocr_engine.h"
#include "screen/institution_names.h"
#include "screen/post.h"
#include "screen/report.h"
#include "screen/screener.h"

namespace jianmei::screen {

class Pipeline {
 public:
  // One thread's state. A scratch made by another pipeline (the server's, before a registry
  // import swapped it) is fitted to this one on first use, since it records what it was made for.
  struct Scratch {
    std::unique_ptr<Screener::Scratch> screen;
    std::unique_ptr<InstitutionNames::Scratch> names;
    std::shared_ptr<const Screener> screen_for;
    std::shared_ptr<const InstitutionNames> names_for;
    // Made at the first post with images (loading Tesseract's languages takes a moment).
    image::OcrEngine::ScratchPtr ocr;
    std::shared_ptr<const image::OcrEngine> ocr_for;
  };

  // `names` may be null: no registry. `ocr` may be null: a post's images are then each an
  // error ("not read: …"), and its text is screened as ever.
  static std::shared_ptr<const Pipeline> Create(std::shared_ptr<const Screener> screener,
                                                std::shared_ptr<const InstitutionNames> names = nullptr,
                                                std::shared_ptr<const image::OcrEngine> ocr = nullptr);
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  Result<std::unique_ptr<Scratch>> NewScratch() const;
  // The scored report of the post's text and images, screened with the post's caller context.
  // An image that cannot be read is named with why in Report::images; the rest is screened.
  Result<Report> Screen(const Post& post, Scratch& scratch) const;
  Result<Report> Screen(std::string_view text, Scratch& scratch, const CallerContext& caller = {}) const;

  const Screener& screener() const { return *screener_; }
  const std::shared_ptr<const Screener>& shared_screener() const { return screener_; }
  const std::shared_ptr<const InstitutionNames>& names() const { return names_; }
  const std::shared_ptr<const image::OcrEngine>& ocr() const { return ocr_; }

 private:
  Pipeline(std::shared_ptr<const Screener> screener, std::shared_ptr<const InstitutionNames> names,
           std::shared_ptr<const image::OcrEngine> ocr)
      : screener_(std::move(screener)), names_(std::move(names)), ocr_(std::move(ocr)) {}
  Status Fit(Scratch& scratch) const;
  Result<Report> ScreenUnscored(std::string_view text, Scratch& scratch, const CallerContext& caller) const;
  // Each image read (or its error), in input order.
  std::vector<ImageReading> ReadImages(const std::vector<PostImage>& images, Scratch& scratch) const;

  std::shared_ptr<const Screener> screener_;
  std::shared_ptr<const InstitutionNames> names_;
  std::shared_ptr<const image::OcrEngine> ocr_;
};

}  // namespace jianmei::screen
