// Test helper: the repository's knowledge base, loaded once per test binary. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "kb/knowledge.h"
#include "text/normalizer.h"

namespace jianmei::registry {

inline std::shared_ptr<const kb::Knowledge> RepoKnowledge() {
  static std::shared_ptr<const kb::Knowledge> kb = [] {
    auto normalizer = text::Normalizer::Create();
    std::vector<kb::Diagnostic> diagnostics;
    auto loaded = kb::Knowledge::Load(std::string(JIANMEI_SOURCE_DIR) + "/kb", *normalizer, &diagnostics);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? *loaded : nullptr;
  }();
  return kb;
}

}  // namespace jianmei::registry
