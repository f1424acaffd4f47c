// PixPtr: sole ownership of a Leptonica image (freed with pixDestroy). Move-only value.
#pragma once

#include <memory>

struct Pix;  // Leptonica's image (leptonica/pix.h), kept out of this header's includers

namespace jianmei::image {

struct PixDeleter {
  void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

}  // namespace jianmei::image
