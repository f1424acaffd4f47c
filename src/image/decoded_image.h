// DecodeImage: untrusted bytes → a decoded image, or an error that says why in the words a
// reader of the screening output understands ("truncated or corrupt PNG", "20000 × 10 pixels: a
// side is longer than the limit of 10000"). The format is sniffed from the bytes (never from a
// name), the header is read and checked against the limits before anything is decoded, and the
// decoded size must equal the header's. Thread-safe; the result owns its pixels.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "image/image_limits.h"
#include "image/pix.h"

namespace jianmei::image {

struct DecodedImage {
  PixPtr pix;
  int width = 0, height = 0;
  std::string format;  // "png", "jpeg", "webp"
};

// The formats decoded: what social platforms serve. GIF, TIFF, BMP, JPEG 2000, PNM and PDF are
// refused as unsupported (fewer decoders reachable from hostile input).
inline constexpr std::string_view kSupportedFormats = "PNG, JPEG, WebP";

Result<DecodedImage> DecodeImage(std::string_view bytes, const ImageLimits& limits);

}  // namespace jianmei::image
