// Fuzzes the body parser of POST /api/v1/qualify: any bytes give both names within the limit or
// an error naming where, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/qualify_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto r = jianmei::server::ParseQualifyRequest(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (r.ok()) {
    if (r->institution.empty() || r->procedure.empty()) __builtin_trap();
    if (r->institution.size() > 200 || r->procedure.size() > 200 || r->date.size() > 200) __builtin_trap();
  } else if (r.status().message().empty()) {
    __builtin_trap();
  }
  return 0;
}
