// Feeds arbitrary bytes to the RFC 3161 token check and the TSA-response check, as a bundle's
// "timestamp_token" or a TSA's answer would arrive.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "evidence/timestamp.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static const std::string note = "jianmei.fuzz/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
  static const std::string query = *jianmei::evidence::MakeTimestampQuery(note);
  (void)jianmei::evidence::VerifyTimestampToken(bytes, note);
  (void)jianmei::evidence::TokenFromResponse(query, bytes);
  return 0;
}
