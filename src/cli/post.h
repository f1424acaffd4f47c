// Post: one input record of `jianmei scan` (design doc §4) and its parser. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace jianmei::cli {

struct Post {
  std::string id, text, author, platform, url, posted_at;
  bool has_id = false;
  std::vector<std::string> warnings;  // e.g. unknown fields that were ignored
};

// Parses one JSON Lines record. Errors name the byte offset or field and why. When the record
// is an object with a readable id but is otherwise bad, *id_out receives the id.
Result<Post> ParsePost(std::string_view line, std::string* id_out);
// The same, always through a nlohmann tree: the reference ParsePost's simdjson fast path must
// agree with (tests and the post fuzzer compare them).
Result<Post> ParsePostWithNlohmann(std::string_view line, std::string* id_out);

}  // namespace jianmei::cli
