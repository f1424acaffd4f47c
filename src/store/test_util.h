// Test helpers for the store: the temporary directory of core/temp_dir.h and sample entries.
// Test-only; not thread-safe.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/temp_dir.h"
#include "evidence/entry.h"

namespace jianmei::store {

using ::jianmei::TempDir;

inline evidence::Entry SampleEntry(int i) {
  evidence::Entry e;
  e.recorded_at = "2025-03-01T10:00:00+08:00";
  e.url = "https://example.com/p/" + std::to_string(i);
  e.author = "账号" + std::to_string(i);
  e.platform = "weibo";
  e.text = "小腿神经阻断术 第" + std::to_string(i) + "条 零风险";
  return e;
}

inline std::string Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

}  // namespace jianmei::store
