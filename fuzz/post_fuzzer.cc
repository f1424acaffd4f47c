// Fuzzes the JSON Lines record parser of `jianmei scan` (and the line reader in front of it).
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
    auto post = jianmei::cli::ParsePost(line, &id);
    if (post.ok() && post->text.size() > line.size()) __builtin_trap();
  }
  return 0;
}
