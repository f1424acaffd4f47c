#include "image/image_text.h"

#include <algorithm>

namespace jianmei::image {

Box Union(const Box& a, const Box& b) {
  if (a.w <= 0 || a.h <= 0) return b;
  if (b.w <= 0 || b.h <= 0) return a;
  const int x = std::min(a.x, b.x), y = std::min(a.y, b.y);
  return {x, y, std::max(a.x + a.w, b.x + b.w) - x, std::max(a.y + a.h, b.y + b.h) - y};
}

bool ImageText::Locate(Span span, Box* box, float* confidence) const {
  bool any = false;
  Box b;
  float c = 1;
  for (const OcrWord& w : words) {
    if (!w.span.Overlaps(span)) continue;
    b = Union(b, w.box);
    c = std::min(c, w.confidence);
    any = true;
  }
  if (any) {
    *box = b;
    *confidence = c;
  }
  return any;
}

}  // namespace jianmei::image
