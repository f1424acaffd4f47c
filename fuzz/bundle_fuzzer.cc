// Feeds arbitrary bytes to the bundle parser and, when it parses, to the offline verifier.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "evidence/bundle.h"
#include "evidence/report_html.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto bundle = jianmei::evidence::ParseBundle(text);
  if (!bundle.ok()) return 0;
  auto report = jianmei::evidence::VerifyBundle(*bundle);
  if (report.ok()) (void)jianmei::evidence::RenderHtmlReport(*report);
  return 0;
}
