// The images of a `scan` record are file paths: this reads them into the post (screen::PostImage),
// or records why one could not be read, so that the record still gets its one output line.
// Thread-safe (reads files only).
#pragma once

#include <cstddef>
#include <filesystem>

#include "screen/post.h"

namespace jianmei::cli {

// Reads each image of *post whose bytes are not there yet: `name` is its path, relative paths
// resolved against `base_dir`. A file that is missing, not a regular file or larger than
// `max_bytes` (checked before reading) gets its `error` instead.
void LoadImageFiles(const std::filesystem::path& base_dir, size_t max_bytes, screen::Post* post);

}  // namespace jianmei::cli
