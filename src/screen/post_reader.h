// Reads a Post from a JSON object: the one reader behind `scan`, `eval` and POST /api/v1/screen,
// so that they accept the same fields with the same checks. Pure functions, thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"
#include "screen/post.h"

namespace jianmei::screen {

// What the `images` field of a post holds, for the front doors that accept it; each string
// becomes a PostImage that the front door then resolves (scan reads the file `name`, the API
// decodes `bytes` from base64). kNotAccepted: `images` is an unknown field like any other.
enum class ImageField { kNotAccepted, kFilePaths, kBase64 };

struct PostReaderOptions {
  // The API refuses an unknown field (a misspelt "instituton" must not pass unnoticed); scan
  // and eval keep the record and say which fields they ignored (Post::warnings).
  bool unknown_fields_are_errors = false;
  size_t max_text_bytes = std::numeric_limits<size_t>::max();
  // Further keys the caller reads itself ("store", "labels"): neither errors nor warnings.
  std::span<const std::string_view> also_allowed = {};
  ImageField images = ImageField::kNotAccepted;
};

// Reads post object `j`. Errors are InvalidArgument "FIELD: why", FIELD prefixed with `where`
// and a dot when `where` is not empty ("posts[3].text: must be a string"). *id_out (when not
// null) receives the id as soon as it is read, so that an error record can name it.
Result<Post> ReadPost(const nlohmann::json& j, std::string_view where,
                      const PostReaderOptions& options, std::string* id_out = nullptr);

// The checks of ReadPost on the string fields, for a reader that took them out of the JSON
// itself (scan's fast path): posted_at is RFC 3339, author_kind and channel are known values
// (they set post->caller). Same errors as ReadPost.
Status CheckPostValues(std::string_view author_kind, std::string_view channel,
                       std::string_view where, Post* post);

// "unknown field \"KEY\" ignored", the key cut to 64 bytes on a character boundary.
std::string UnknownFieldWarning(std::string_view key);

}  // namespace jianmei::screen
