// OcrEngine: image bytes → ImageText (lines and words with boxes and confidences) with Debian's
// Tesseract (LSTM, chi_sim; eng on request) after Leptonica's decoding (decoded_image.h) and preprocessing
// (preprocess.h). The engine is the immutable configuration, shared by all threads; each thread
// reads with its own Scratch, which holds a Tesseract instance loaded with the languages (Tesseract
// instances must not be shared between threads). Create() loads the languages once to fail early
// on missing data, unless told to leave that to the first image (a one-line `scan` should not pay
// Tesseract's start-up, about 0.15 s and 57 MB, when no post has an image).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "image/decoded_image.h"
#include "image/image_limits.h"
#include "image/image_text.h"
#include "image/preprocess.h"

namespace jianmei::image {

struct OcrOptions {
  // Where the *.traineddata files are; empty: Tesseract's default ($TESSDATA_PREFIX, else
  // Debian's /usr/share/tesseract-ocr/5/tessdata).
  std::string tessdata_dir;
  // chi_sim reads the Latin letters and digits of these pictures too; with eng added (Debian
  // ships both), large bold Chinese titles came back as Latin gibberish and the clean pictures'
  // character error rate rose from 4.6% to 11.8% (bench/images/README.md).
  std::string languages = "chi_sim";
  // Tesseract's page segmentation mode (tesseract::PageSegMode): 3, fully automatic. 4 (one
  // column of lines) reads a price list's table row by row where 3 reads it column by column —
  // a character error rate of 4.6% against 23.6% on the benchmark's clean pictures, with the
  // same findings — but it misread tests/images/poster_zh.png (阻断术 → 阻断木).
  int page_segmentation = 3;
  ImageLimits limits;
  PreprocessOptions preprocess;
  // Recognition of one image stops after this long (--max-image-ms); the image then becomes an
  // error, not a partial reading. A 1080 × 1920 poster takes about a second on one core.
  int max_milliseconds = 30'000;
};

// When a missing language shows: at Create (a server, which should refuse to start), or when the
// first image is read (a scan, where most inputs carry no image; each image then gets the error).
enum class LanguageCheck { kAtCreate, kAtFirstImage };

class OcrEngine {
 public:
  struct Scratch;
  struct ScratchDeleter {
    void operator()(Scratch* s) const;
  };
  using ScratchPtr = std::unique_ptr<Scratch, ScratchDeleter>;

  static Result<std::shared_ptr<const OcrEngine>> Create(OcrOptions options = {},
                                                        LanguageCheck check = LanguageCheck::kAtCreate);
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // A Tesseract instance with the languages loaded (tens of milliseconds, some MB).
  Result<ScratchPtr> NewScratch() const;
  // Decodes (under options().limits), preprocesses and reads `bytes`. Errors say why, in the
  // words of decoded_image.h; they never throw.
  Result<ImageText> Read(std::string_view bytes, Scratch& scratch) const;
  Result<ImageText> Recognize(const DecodedImage& image, Scratch& scratch) const;

  const OcrOptions& options() const { return options_; }

 private:
  explicit OcrEngine(OcrOptions options) : options_(std::move(options)) {}
  OcrOptions options_;
};

}  // namespace jianmei::image
