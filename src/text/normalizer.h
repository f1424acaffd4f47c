// Normalizer: folds a post for matching (width, case, traditional → simplified, noise between
// characters removed) and keeps the exact map back to the original bytes.
// Immutable after Create(); Normalize() is thread-safe and allocates only its result.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "text/fold_table.h"
#include "text/normalized_text.h"

namespace jianmei::text {

class Normalizer {
 public:
  // Uses FoldTable::Default().
  static Result<std::shared_ptr<const Normalizer>> Create();
  explicit Normalizer(std::shared_ptr<const FoldTable> table) : table_(std::move(table)) {}

  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Never fails: malformed UTF-8 bytes are treated as removed symbols.
  NormalizedText Normalize(std::string_view utf8) const;
  // Just the folded string (used for knowledge-base terms).
  std::string Fold(std::string_view utf8) const { return Normalize(utf8).folded; }

 private:
  std::shared_ptr<const FoldTable> table_;
};

}  // namespace jianmei::text
