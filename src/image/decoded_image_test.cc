#include "image/decoded_image.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <string>

namespace jianmei::image {
namespace {

using ::testing::HasSubstr;

// An image of w × h at `depth` bits with a few dark bars, encoded as `format`.
std::string Encoded(int w, int h, int depth, int format) {
  PixPtr pix(pixCreate(w, h, depth));
  if (depth == 8) pixSetAllArbitrary(pix.get(), 255);
  for (int x = 2; x + 4 < w; x += 9) pixRasterop(pix.get(), x, h / 4, 4, h / 2, depth == 1 ? PIX_SET : PIX_CLR, nullptr, 0, 0);
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixWriteMem(&data, &size, pix.get(), format), 0);
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return bytes;
}

std::string ErrorOf(std::string_view bytes, const ImageLimits& limits = {}) {
  auto r = DecodeImage(bytes, limits);
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.status().message();
}

TEST(DecodeImage, DecodesPngJpegAndWebp) {
  for (auto [format, name] : {std::pair{IFF_PNG, "png"}, {IFF_JFIF_JPEG, "jpeg"}, {IFF_WEBP, "webp"}}) {
    auto r = DecodeImage(Encoded(120, 40, 8, format), {});
    ASSERT_TRUE(r.ok()) << name << ": " << r.status().message();
    EXPECT_EQ(r->width, 120);
    EXPECT_EQ(r->height, 40);
    EXPECT_EQ(r->format, name);
  }
}

TEST(DecodeImage, ZeroBytesIsEmpty) { EXPECT_EQ(ErrorOf(""), "empty (0 bytes)"); }

TEST(DecodeImage, MoreBytesThanTheLimitAreRefusedUnread) {
  ImageLimits limits;
  limits.max_bytes = 100;
  EXPECT_THAT(ErrorOf(std::string(101, 'x'), limits), HasSubstr("101 bytes, more than the limit of 100"));
}

TEST(DecodeImage, TruncatedPngIsNamed) {
  const std::string png = Encoded(200, 100, 8, IFF_PNG);
  EXPECT_THAT(ErrorOf(png.substr(0, png.size() / 2)), HasSubstr("truncated or corrupt PNG"));
  // Cut inside the header.
  EXPECT_THAT(ErrorOf(png.substr(0, 20)), HasSubstr("truncated or corrupt PNG"));
}

TEST(DecodeImage, TruncatedJpegIsNamed) {
  const std::string jpeg = Encoded(200, 100, 8, IFF_JFIF_JPEG);
  EXPECT_THAT(ErrorOf(jpeg.substr(0, jpeg.size() / 2)), HasSubstr("truncated or corrupt JPEG"));
}

TEST(DecodeImage, CorruptPngDataIsNamed) {
  std::string png = Encoded(200, 100, 8, IFF_PNG);
  for (size_t i = png.size() / 2; i < png.size() - 16; ++i) png[i] = static_cast<char>(png[i] ^ 0x5A);
  EXPECT_THAT(ErrorOf(png), HasSubstr("corrupt PNG"));
}

TEST(DecodeImage, AHeaderPromisingMoreRowsThanTheDataHoldsIsAnError) {
  std::string png = Encoded(200, 100, 8, IFF_PNG);
  png[22] = 0x13;  // IHDR height (bytes 20–23, big-endian) 100 → 0x1364 = 4964
  EXPECT_THAT(ErrorOf(png), HasSubstr("corrupt PNG"));
}

TEST(DecodeImage, UnsupportedFormatsAreNamed) {
  EXPECT_THAT(ErrorOf(Encoded(50, 20, 8, IFF_TIFF_ZIP)), HasSubstr("TIFF is not a supported format (PNG, JPEG, WebP)"));
  EXPECT_THAT(ErrorOf(Encoded(50, 20, 8, IFF_GIF)), HasSubstr("GIF is not a supported format"));
  EXPECT_THAT(ErrorOf(Encoded(50, 20, 8, IFF_BMP)), HasSubstr("BMP is not a supported format"));
}

TEST(DecodeImage, NotAnImageShowsItsFirstBytes) {
  EXPECT_EQ(ErrorOf("<html>not a picture</html>"),
            "not an image in a supported format (PNG, JPEG, WebP); its bytes begin 3c 68 74 6d 6c 3e 6e 6f");
  EXPECT_THAT(ErrorOf("\x89P"), HasSubstr("its bytes begin 89 50"));
}

TEST(DecodeImage, ADecompressionBombIsRefusedBeforeDecoding) {
  // 8000 × 8000 one-bit pixels compress to a few KB and decode to 64 megapixels.
  const std::string bomb = Encoded(8000, 8000, 1, IFF_PNG);
  ASSERT_LT(bomb.size(), 200'000u);
  EXPECT_THAT(ErrorOf(bomb), HasSubstr("8000 × 8000 = 64000000 pixels, more than the limit of 40000000"));
}

TEST(DecodeImage, ASideOf20000PixelsIsRefused) {
  EXPECT_THAT(ErrorOf(Encoded(20000, 10, 1, IFF_PNG)),
              HasSubstr("20000 × 10 pixels: a side is longer than the limit of 10000"));
  EXPECT_THAT(ErrorOf(Encoded(10, 20000, 1, IFF_PNG)), HasSubstr("a side is longer"));
}

TEST(DecodeImage, AZeroWidthHeaderIsAnError) {
  std::string png = Encoded(200, 100, 8, IFF_PNG);
  png[18] = png[19] = 0;  // IHDR width 200 → 0
  const std::string error = ErrorOf(png);
  EXPECT_THAT(error, HasSubstr("PNG"));
  EXPECT_TRUE(error.find("zero or negative size") != std::string::npos ||
              error.find("corrupt") != std::string::npos) << error;
}

}  // namespace
}  // namespace jianmei::image
