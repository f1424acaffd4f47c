// The ceiling of issue 3: a bare Vectorscan literal scan of the folded lexicon
// (hs_compile_lit_multi, leftmost start of match), post by post, counting matches, with the
// Vectorscan runtime jianmei uses (match/vectorscan_runtime.h). Used by
// bench/literal_scan on its own and by bench/stages, which times it beside jianmei's stages.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct hs_database;
struct hs_scratch;

namespace jianmei::bench {

class LiteralCeiling {
 public:
  // nullptr, with *error set, if Vectorscan cannot compile the terms.
  static std::unique_ptr<LiteralCeiling> Compile(const std::vector<std::string>& terms,
                                                 std::string* error);
  ~LiteralCeiling();
  LiteralCeiling(const LiteralCeiling&) = delete;
  LiteralCeiling& operator=(const LiteralCeiling&) = delete;

  // The number of matches in text.
  size_t Scan(std::string_view text);

 private:
  LiteralCeiling() = default;
  hs_database* db_ = nullptr;
  hs_scratch* scratch_ = nullptr;
};

// The lines of a file (without their '\n'); false if it cannot be read.
bool ReadLines(const std::string& path, std::vector<std::string>* lines);

}  // namespace jianmei::bench
