#include "image/preprocess.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>

namespace jianmei::image {
namespace {

PixPtr ToGray(const Pix* pix) {
  Pix* src = const_cast<Pix*>(pix);  // Leptonica takes non-const pointers it does not modify
  if (pixGetDepth(src) == 32) return PixPtr(pixConvertRGBToLuminance(src));
  return PixPtr(pixConvertTo8(src, 0));  // removes a colour map, expands 1/2/4/16 bpp
}

// Paints the long horizontal and vertical dark lines of `gray` white. Only for a light
// background: on a dark poster every pixel is "dark" and the opening would find the background.
void RemoveLines(Pix* gray, int min_length) {
  PixPtr dark(pixThresholdToBinary(gray, 128));
  if (!dark) return;
  l_int32 count = 0;
  pixCountPixels(dark.get(), &count, nullptr);
  if (double(count) > 0.3 * pixGetWidth(gray) * pixGetHeight(gray)) return;
  // Thickened across their direction first, so that a rule slanted by a photo's perspective
  // (a few pixels over its length) still holds an unbroken run of min_length.
  PixPtr tall(pixDilateBrick(nullptr, dark.get(), 1, 7));
  PixPtr wide(pixDilateBrick(nullptr, dark.get(), 7, 1));
  if (!tall || !wide) return;
  PixPtr horizontal(pixOpenBrick(nullptr, tall.get(), min_length, 1));
  PixPtr vertical(pixOpenBrick(nullptr, wide.get(), 1, min_length));
  if (!horizontal || !vertical) return;
  PixPtr lines(pixOr(nullptr, horizontal.get(), vertical.get()));
  if (!lines) return;
  // A pixel or two around each line too: anti-aliased edges would stay as faint lines.
  PixPtr wider(pixDilateBrick(nullptr, lines.get(), 3, 3));
  if (wider) pixSetMasked(gray, wider.get(), 255);
}

}  // namespace

Box Prepared::ToOriginal(const Box& b, int original_width, int original_height) const {
  double xs[4] = {double(b.x), double(b.x + b.w), double(b.x), double(b.x + b.w)};
  double ys[4] = {double(b.y), double(b.y), double(b.y + b.h), double(b.y + b.h)};
  if (angle_degrees != 0) {
    // Undo the deskew: rotate the corners back about the centre by the opposite angle.
    const double t = -angle_degrees * M_PI / 180.0, c = std::cos(t), s = std::sin(t);
    const double cx = width / 2.0, cy = height / 2.0;
    for (int i = 0; i < 4; ++i) {
      const double dx = xs[i] - cx, dy = ys[i] - cy;
      xs[i] = cx + dx * c - dy * s;
      ys[i] = cy + dx * s + dy * c;
    }
  }
  const double x0 = *std::min_element(xs, xs + 4) / scale, x1 = *std::max_element(xs, xs + 4) / scale;
  const double y0 = *std::min_element(ys, ys + 4) / scale, y1 = *std::max_element(ys, ys + 4) / scale;
  const int left = std::clamp(int(std::floor(x0)), 0, original_width);
  const int top = std::clamp(int(std::floor(y0)), 0, original_height);
  const int right = std::clamp(int(std::ceil(x1)), 0, original_width);
  const int bottom = std::clamp(int(std::ceil(y1)), 0, original_height);
  return {left, top, right - left, bottom - top};
}

Result<Prepared> Preprocess(const Pix* pix, const PreprocessOptions& options) {
  Prepared p;
  PixPtr gray = ToGray(pix);
  if (!gray) return Status::Internal("cannot convert the image to grayscale");
  const int longer = std::max(pixGetWidth(gray.get()), pixGetHeight(gray.get()));
  if (longer < options.upscale_below) {
    p.scale = 2;
  } else if (longer > options.downscale_above) {
    p.scale = float(options.downscale_above) / float(longer);
  }
  if (p.scale != 1) {
    PixPtr scaled(pixScaleGrayLI(gray.get(), p.scale, p.scale));
    if (!scaled) return Status::Internal("cannot scale the image");
    gray = std::move(scaled);
  }
  if (options.deskew) {
    l_float32 angle = 0, confidence = 0;
    // Reduction 2 for the search: fast and accurate enough for text lines.
    PixPtr deskewed(pixFindSkewAndDeskew(gray.get(), 2, &angle, &confidence));
    // Below its angle and confidence thresholds Leptonica returns a clone (the same Pix, one
    // more reference) and rotates nothing, whatever angle it reports.
    if (deskewed && deskewed.get() != gray.get()) {
      gray = std::move(deskewed);
      p.angle_degrees = angle;
    }
  }
  if (options.remove_lines_longer_than > 0) RemoveLines(gray.get(), options.remove_lines_longer_than);
  if (options.binarize) {
    Pix* binary = nullptr;
    if (pixSauvolaBinarizeTiled(gray.get(), 16, 0.35f, 1, 1, nullptr, &binary) != 0 || !binary) {
      return Status::Internal("cannot binarise the image");
    }
    gray.reset(binary);
  }
  p.width = pixGetWidth(gray.get());
  p.height = pixGetHeight(gray.get());
  p.pix = std::move(gray);
  return p;
}

}  // namespace jianmei::image
