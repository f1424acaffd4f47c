// A test fixture with a kb directory of its own (under the temp directory, named after the test)
// holding the wordings every kb needs; tests write the rest and load it.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "kb/knowledge.h"
#include "kb/test_kb.h"
#include "text/normalizer.h"

namespace jianmei::kb::test_kb {

class KbDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() / ("jianmei_" + std::string(test->test_suite_name()) + "_" +
                                                     std::to_string(::getpid()) + "_" + test->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "kb");
    Write("wording.toml", kWording);
    auto n = text::Normalizer::Create();
    ASSERT_TRUE(n.ok());
    norm_ = *n;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / "kb" / name) << content;
  }
  Result<std::shared_ptr<const Knowledge>> Load() {
    diags_.clear();
    return Knowledge::Load((dir_ / "kb").string(), norm_, &diags_);
  }
  std::string AllDiagnostics() const {
    std::string s;
    for (const auto& d : diags_) s += d.ToString() + "\n";
    return s;
  }

  std::filesystem::path dir_;
  std::shared_ptr<const text::Normalizer> norm_;
  std::vector<Diagnostic> diags_;
};

}  // namespace jianmei::kb::test_kb
