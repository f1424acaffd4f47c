// Preprocess: a decoded image made ready for Tesseract with Leptonica — grayscale, scaled so that
// text is neither too small to read nor needlessly large, deskewed, the rules of tables removed,
// and (optionally) binarised —
// with what is needed to map a box found in it back to the pixels of the image as given.
// Pure functions, thread-safe.
#pragma once

#include "core/status.h"
#include "image/image_text.h"
#include "image/pix.h"

namespace jianmei::image {

struct PreprocessOptions {
  // Images whose longer side is below this are scaled up 2× (Tesseract reads characters
  // better at 20–40 px than at the 12–16 px of a thumbnail).
  int upscale_below = 1000;
  // Images whose longer side is above this are scaled down to it (time grows with pixels; text
  // in such photos is large).
  int downscale_above = 3000;
  bool deskew = true;
  // Dark straight lines at least this long (pixels of the scaled image) are painted over with
  // the background: Tesseract's layout analysis takes a price list's ruled table for a picture
  // and reads nothing in it. Longer than any stroke of a character at the scaled size. 0: keep.
  int remove_lines_longer_than = 120;
  // Sauvola adaptive binarisation (uneven light on photographed paper). Off by default:
  // Tesseract binarises itself and its LSTM reads the gray image, which keeps coloured posters
  // legible (bench/images measures both).
  bool binarize = false;
};

struct Prepared {
  PixPtr pix;
  float scale = 1;          // prepared pixels per original pixel
  float angle_degrees = 0;  // the rotation applied to deskew, about the prepared image's centre
  int width = 0, height = 0;  // of the prepared image

  // A box of the prepared image in the pixels of the original (width × height), clipped to it.
  Box ToOriginal(const Box& prepared_box, int original_width, int original_height) const;
};

Result<Prepared> Preprocess(const Pix* pix, const PreprocessOptions& options);

}  // namespace jianmei::image
