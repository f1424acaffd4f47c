// Fuzzes the body parser of POST /api/v1/screen: any bytes give a request within the limits or
// an error naming where, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/screen_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const jianmei::server::RequestLimits limits{.max_batch = 8, .max_text_bytes = 256};
  auto r = jianmei::server::ParseScreenRequest(
      std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (r.ok()) {
    if (r->posts.empty() || r->posts.size() > limits.max_batch) __builtin_trap();
    if (!r->batch && r->posts.size() != 1) __builtin_trap();
    for (const auto& p : r->posts) {
      if (p.text.size() > limits.max_text_bytes) __builtin_trap();
    }
  } else if (r.status().message().empty()) {
    __builtin_trap();
  }
  return 0;
}
