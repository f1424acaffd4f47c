// Fuzzes the normaliser with arbitrary bytes and checks the offset map's invariants.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "text/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto normalizer = *jianmei::text::Normalizer::Create();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  jianmei::text::NormalizedText t = normalizer->Normalize(in);
  const size_t n = t.folded.size();
  if (t.orig_begin.size() != n || t.orig_end.size() != n || t.evasion.size() != n) __builtin_trap();
  for (size_t i = 0; i < n; ++i) {
    if (t.orig_begin[i] >= t.orig_end[i] || t.orig_end[i] > size) __builtin_trap();
    if (i > 0 && t.orig_begin[i] < t.orig_begin[i - 1]) __builtin_trap();
  }
  for (const auto& b : t.breaks) {
    if (b.pos == 0 || b.pos >= n) __builtin_trap();
  }
  if (n > 0) (void)t.EvasionIn({0, static_cast<uint32_t>(n)});
  return 0;
}
