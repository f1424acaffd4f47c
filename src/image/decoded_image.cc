#include "image/decoded_image.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include <fmt/format.h>

namespace jianmei::image {

void PixDeleter::operator()(Pix* pix) const { pixDestroy(&pix); }

namespace {

// Leptonica reports every refused input on stderr; the caller gets our error instead, so that a
// scan of a million posts does not flood the terminal. Process-wide, set once.
void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

const char* FormatName(int format) {
  switch (format) {
    case IFF_PNG: return "png";
    case IFF_JFIF_JPEG: return "jpeg";
    case IFF_WEBP: return "webp";
    case IFF_GIF: return "GIF";
    case IFF_BMP: return "BMP";
    case IFF_JP2: return "JPEG 2000";
    case IFF_PNM: return "PNM";
    case IFF_PS: return "PostScript";
    case IFF_LPDF: return "PDF";
    case IFF_SPIX: return "Leptonica spix";
    default: break;
  }
  return L_FORMAT_IS_TIFF(format) ? "TIFF" : nullptr;
}

bool Supported(int format) {
  return format == IFF_PNG || format == IFF_JFIF_JPEG || format == IFF_WEBP;
}

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

// The first bytes in hex, so that a reader can tell an HTML error page from a PDF.
std::string Leading(std::string_view bytes) {
  std::string hex;
  for (size_t i = 0; i < std::min<size_t>(bytes.size(), 8); ++i) {
    hex += fmt::format("{}{:02x}", i ? " " : "", static_cast<unsigned char>(bytes[i]));
  }
  return hex;
}

}  // namespace

Result<DecodedImage> DecodeImage(std::string_view bytes, const ImageLimits& limits) {
  QuietLeptonica();
  if (bytes.empty()) return Status::InvalidArgument("empty (0 bytes)");
  if (bytes.size() > limits.max_bytes) {
    return Status::InvalidArgument(fmt::format("{} bytes, more than the limit of {} (--max-image-bytes)",
                                               bytes.size(), limits.max_bytes));
  }
  // findFileFormatBuffer reads up to 12 bytes whatever the length: give it a padded copy.
  l_uint8 head[16] = {};
  std::memcpy(head, bytes.data(), std::min(bytes.size(), sizeof head));
  l_int32 format = IFF_UNKNOWN;
  if (findFileFormatBuffer(head, &format) != 0) format = IFF_UNKNOWN;
  if (!Supported(format)) {
    const char* name = FormatName(format);
    return Status::InvalidArgument(
        name ? fmt::format("{} is not a supported format ({})", name, kSupportedFormats)
             : fmt::format("not an image in a supported format ({}); its bytes begin {}",
                           kSupportedFormats, Leading(bytes)));
  }
  const std::string kind = Upper(FormatName(format));
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  l_int32 header_format = 0, w = 0, h = 0, bps = 0, spp = 0, iscmap = 0;
  if (pixReadHeaderMem(data, bytes.size(), &header_format, &w, &h, &bps, &spp, &iscmap) != 0) {
    return Status::InvalidArgument(fmt::format("truncated or corrupt {}: its header cannot be read", kind));
  }
  if (w <= 0 || h <= 0) {
    return Status::InvalidArgument(fmt::format("zero or negative size: the {} header says {} × {} pixels", kind, w, h));
  }
  if (w > limits.max_side || h > limits.max_side) {
    return Status::InvalidArgument(fmt::format(
        "{} × {} pixels: a side is longer than the limit of {} (--max-image-side)", w, h, limits.max_side));
  }
  const uint64_t pixels = uint64_t(w) * uint64_t(h);
  if (pixels > limits.max_pixels) {
    return Status::InvalidArgument(fmt::format(
        "{} × {} = {} pixels, more than the limit of {} (--max-image-pixels); refused before decoding",
        w, h, pixels, limits.max_pixels));
  }
  PixPtr pix(pixReadMem(data, bytes.size()));
  if (!pix) return Status::InvalidArgument(fmt::format("truncated or corrupt {}: it cannot be decoded", kind));
  const int dw = pixGetWidth(pix.get()), dh = pixGetHeight(pix.get());
  if (dw != w || dh != h) {
    return Status::InvalidArgument(fmt::format(
        "corrupt {}: the header says {} × {} pixels, the data decodes to {} × {}", kind, w, h, dw, dh));
  }
  return DecodedImage{std::move(pix), w, h, FormatName(format)};
}

}  // namespace jianmei::image
