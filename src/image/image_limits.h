// ImageLimits: what jianmei accepts of an image in a post, before it spends memory or time on it.
// Every limit is an option of `scan` and of `serve` (doc/api.md); the defaults are documented
// here and in doc/screening_output.md. A plain value.
#pragma once

#include <cstddef>
#include <cstdint>

namespace jianmei::image {

struct ImageLimits {
  // Encoded bytes of one image (--max-image-bytes). A phone's 12-megapixel photo is 3–6 MB as
  // JPEG; a poster is well under 2 MB.
  size_t max_bytes = 10 << 20;
  // Decoded pixels (width × height, --max-image-pixels), checked from the header before the
  // image is decoded: a decompression bomb (a few KB of PNG declaring 64 megapixels) stops here.
  // 40 MP is above any phone camera's output; decoded at 4 bytes a pixel it is 160 MB.
  uint64_t max_pixels = 40'000'000;
  // Either side in pixels (--max-image-side): a 1080 × 20,000 "long picture" is refused rather
  // than read as one 20,000-pixel strip Tesseract cannot lay out.
  int max_side = 10'000;
  // Images per post (--max-images): platforms allow 9 (WeChat Moments) to 18 (Xiaohongshu).
  size_t max_count = 18;
};

}  // namespace jianmei::image
