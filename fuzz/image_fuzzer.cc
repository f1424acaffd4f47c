// Fuzzes the image-reading path of posts (image/decoded_image.h, then image/preprocess.h): any
// bytes give a decoded image within the limits, or an error that says why — never a crash, a
// leak or a decode past the limits. OCR itself is left out: it reads pixels, not bytes, and takes
// far longer than a fuzzing iteration should.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "image/decoded_image.h"
#include "image/preprocess.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  jianmei::image::ImageLimits limits;
  limits.max_bytes = 1 << 16;
  limits.max_pixels = 1 << 20;  // keeps each iteration's decode and deskew fast
  limits.max_side = 2048;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto image = jianmei::image::DecodeImage(bytes, limits);
  if (!image.ok()) {
    if (image.status().message().empty()) __builtin_trap();
    return 0;
  }
  if (image->width <= 0 || image->height <= 0 || image->width > limits.max_side ||
      image->height > limits.max_side ||
      uint64_t(image->width) * uint64_t(image->height) > limits.max_pixels) {
    __builtin_trap();
  }
  auto prepared = jianmei::image::Preprocess(image->pix.get(), {});
  if (prepared.ok()) {
    const jianmei::image::Box b = prepared->ToOriginal({0, 0, prepared->width, prepared->height},
                                                      image->width, image->height);
    if (b.x < 0 || b.y < 0 || b.x + b.w > image->width || b.y + b.h > image->height) __builtin_trap();
  }
  return 0;
}
