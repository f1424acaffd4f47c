// The options of the commands that read images (`scan`, `serve`): limits and OCR settings, with
// the defaults of image::ImageLimits and image::OcrOptions, and the engine they configure.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>

#include "image/ocr_engine.h"

namespace jianmei::cli {

void AddImageOptions(CLI::App* cmd, image::OcrOptions* options);

// The OCR engine, or null after telling stderr ("jianmei COMMAND: images will not be read: why"):
// a machine without Tesseract's language data still screens text.
std::shared_ptr<const image::OcrEngine> LoadOcrEngine(const image::OcrOptions& options, const char* command,
                                                      image::LanguageCheck check);

}  // namespace jianmei::cli
