// Fuzzes the JSON Lines record parser of `jianmei scan` (and the line reader in front of it), and
// checks that its simdjson fast path says exactly what the nlohmann reference says.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "cli/line_reader.h"
#include "cli/post.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  jianmei::cli::LineReader reader(in, 4096);
  std::string line, id;
  size_t length;
  while (reader.Next(&line, &length)) {
    std::string ref_id;
    auto post = jianmei::cli::ParsePost(line, &id);
    auto ref = jianmei::cli::ParsePostWithNlohmann(line, &ref_id);
    if (post.ok() && post->text.size() > line.size()) __builtin_trap();
    if (post.ok() != ref.ok() || id != ref_id) __builtin_trap();
    if (!ref.ok() && post.status().ToString() != ref.status().ToString()) __builtin_trap();
    if (ref.ok() && (post->text != ref->text || post->id != ref->id ||
                     post->has_id != ref->has_id || post->author != ref->author ||
                     post->platform != ref->platform || post->url != ref->url ||
                     post->posted_at != ref->posted_at || post->warnings != ref->warnings ||
                     post->institution != ref->institution ||
                     post->caller.author_kind != ref->caller.author_kind ||
                     post->caller.channel != ref->caller.channel)) {
      __builtin_trap();
    }
    id.clear();
  }
  return 0;
}
