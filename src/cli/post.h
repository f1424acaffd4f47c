// One JSON Lines record of `jianmei scan` and `jianmei eval` (design doc §4) read as a
// screen::Post: the line's own checks (empty, UTF-8, JSON) in front of screen::ReadPost, with a
// simdjson fast path for the common record. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "screen/post_reader.h"

namespace jianmei::cli {

using screen::Post;

// Parses one JSON Lines record. Errors name the byte offset or field and why. When the record
// is an object with a readable id but is otherwise bad, *id_out receives the id. Keys in
// `options.also_allowed` are left to the caller (eval's "labels").
Result<Post> ParsePost(std::string_view line, std::string* id_out,
                       const screen::PostReaderOptions& options = {});
// The same, always through a nlohmann tree: the reference ParsePost's simdjson fast path must
// agree with (tests and the post fuzzer compare them).
Result<Post> ParsePostWithNlohmann(std::string_view line, std::string* id_out,
                                   const screen::PostReaderOptions& options = {});

}  // namespace jianmei::cli
