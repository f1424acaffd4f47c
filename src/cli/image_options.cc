#include "cli/image_options.h"

#include <iostream>

namespace jianmei::cli {

void AddImageOptions(CLI::App* cmd, image::OcrOptions* o) {
  image::ImageLimits& l = o->limits;
  cmd->add_option("--max-image-bytes", l.max_bytes, "largest image file read (encoded bytes)")
      ->capture_default_str();
  cmd->add_option("--max-image-pixels", l.max_pixels,
                  "most pixels (width × height) an image may declare; checked before decoding")
      ->capture_default_str();
  cmd->add_option("--max-image-side", l.max_side, "longest image side in pixels")->capture_default_str();
  cmd->add_option("--max-images", l.max_count, "images read per post; the rest become errors")
      ->capture_default_str();
  cmd->add_option("--max-image-ms", o->max_milliseconds, "time to read one image's text")
      ->capture_default_str();
  cmd->add_option("--ocr-languages", o->languages, "Tesseract languages, +-separated")
      ->capture_default_str();
  cmd->add_option("--ocr-page-mode", o->page_segmentation,
                  "Tesseract page segmentation mode (3 automatic, 4 one column, 11 sparse)")
      ->capture_default_str();
  cmd->add_option("--tessdata", o->tessdata_dir,
                  "directory of Tesseract's *.traineddata (default: $TESSDATA_PREFIX or Debian's)");
}

std::shared_ptr<const image::OcrEngine> LoadOcrEngine(const image::OcrOptions& options, const char* command,
                                                      image::LanguageCheck check) {
  auto engine = image::OcrEngine::Create(options, check);
  if (engine.ok()) return *engine;
  std::cerr << "jianmei " << command << ": images will not be read: " << engine.status().message() << "\n";
  return nullptr;
}

}  // namespace jianmei::cli
