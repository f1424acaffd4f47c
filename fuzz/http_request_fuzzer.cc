// Fuzzes the HTTP request reading path (server/request_reader.h): request line, header fields,
// Content-Length and chunked bodies, pipelined requests, bytes split at any point. Any bytes
// give whole requests within the limits or one protocol error with a status and a message,
// never a crash. The first input byte picks how the rest is cut into reads.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/request_reader.h"

namespace {

using jianmei::server::HttpLimits;
using jianmei::server::RequestReader;

bool KnownErrorStatus(int s) { return s == 400 || s == 413 || s == 414 || s == 431 || s == 505; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t piece = 1 + data[0] % 64;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const HttpLimits limits{.max_header_bytes = 2048, .max_uri_bytes = 512, .max_body_bytes = 4096};
  std::string pending;
  size_t next = 0;
  for (int request = 0; request < 16; ++request) {
    RequestReader reader(limits);
    RequestReader::Step step = RequestReader::Step::kNeedMore;
    for (;;) {
      pending.erase(0, reader.Feed(pending, &step));
      if (step == RequestReader::Step::kHeader) {
        if (reader.Head().target.size() > limits.max_uri_bytes) __builtin_trap();
        reader.ContinueWithBody({1 + data[0] * 16u, {}});
        continue;
      }
      if (step != RequestReader::Step::kNeedMore) break;
      if (next >= input.size()) {
        step = reader.FeedEof();
        break;
      }
      pending.append(input.substr(next, piece));
      next += piece;
    }
    if (step == RequestReader::Step::kError) {
      if (!KnownErrorStatus(reader.error().status) || reader.error().message.empty()) __builtin_trap();
      return 0;
    }
    if (!reader.started()) return 0;  // clean end of stream
    const auto req = reader.Take();
    if (req.body.size() > limits.max_body_bytes || req.path.empty()) __builtin_trap();
  }
  return 0;
}
