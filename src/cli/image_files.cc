#include "cli/image_files.h"

#include <fmt/format.h>

#include <fstream>
#include <system_error>

namespace jianmei::cli {

namespace fs = std::filesystem;

namespace {

void Load(const fs::path& base_dir, size_t max_bytes, screen::PostImage* image) {
  if (image->name.empty()) {
    image->error = "empty path";
    return;
  }
  const fs::path path = fs::path(image->name).is_absolute() ? fs::path(image->name) : base_dir / image->name;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    image->error = "cannot read " + path.string() + ": " + (ec ? ec.message() : "no such file");
    return;
  }
  if (!fs::is_regular_file(status)) {
    image->error = path.string() + " is not a regular file";
    return;
  }
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    image->error = "cannot read " + path.string() + ": " + ec.message();
    return;
  }
  if (size > max_bytes) {
    image->error = fmt::format("{} bytes, more than the limit of {} (--max-image-bytes)", size, max_bytes);
    return;
  }
  // Exactly the size checked: a file that grows meanwhile cannot pass the limit.
  std::ifstream in(path, std::ios::binary);
  image->bytes.resize(static_cast<size_t>(size));
  in.read(image->bytes.data(), static_cast<std::streamsize>(size));
  if (!in || static_cast<uintmax_t>(in.gcount()) != size) {
    image->bytes.clear();
    image->error = "cannot read " + path.string() + " (it changed while read, or a read error)";
  }
}

}  // namespace

void LoadImageFiles(const fs::path& base_dir, size_t max_bytes, screen::Post* post) {
  for (screen::PostImage& image : post->images) {
    if (image.error.empty() && image.bytes.empty()) Load(base_dir, max_bytes, &image);
  }
}

}  // namespace jianmei::cli
