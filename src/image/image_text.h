// ImageText: the text read from one image — lines and words with their boxes (pixels of the
// image as given, top-left origin) and confidences (0–1) — and their byte ranges in `text`, the
// whole image's text as the screener reads it. A plain value.
#pragma once

#include <string>
#include <vector>

#include "core/span.h"

namespace jianmei::image {

struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  friend bool operator==(const Box&, const Box&) = default;
};

// The smallest box holding both (an empty box holds nothing).
Box Union(const Box& a, const Box& b);

struct OcrWord {
  Span span;  // bytes of ImageText::text
  Box box;
  float confidence = 0;
};

struct OcrLine {
  Span span;
  Box box;
  float confidence = 0;
};

struct ImageText {
  std::string text;
  std::vector<OcrLine> lines;  // in reading order
  std::vector<OcrWord> words;  // in reading order; their spans never overlap
  int width = 0, height = 0;   // of the image as given
  std::string format;          // "png", "jpeg", "webp"

  // The box and the lowest word confidence of the words `span` overlaps; false when it overlaps
  // none (a span of separators only).
  bool Locate(Span span, Box* box, float* confidence) const;
};

}  // namespace jianmei::image
