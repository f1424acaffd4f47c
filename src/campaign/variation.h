// Variation: the representative copy of a campaign (the medoid by exact Jaccard) and what
// changes between copies — clauses of the representative that some copies lack, clauses that
// only some copies add, and the numbers and handles that differ. Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "campaign/index.h"

namespace jianmei::campaign {

struct ClauseCount {
  std::string text;   // original text of the clause (from the first copy that has it)
  size_t copies = 0;  // copies containing it (compared in folded form)
};

struct Variation {
  uint32_t representative = 0;          // post number of the medoid
  double stable_share = 0;              // share of its clauses found in >= 80% of copies
  std::vector<ClauseCount> changed;     // representative clauses in < 80% of copies (≤ 8)
  std::vector<ClauseCount> added;       // clauses absent from the representative (≤ 8, commonest)
  std::vector<std::string> numbers;     // numbers found in some but not all copies (≤ 10)
};

// posts: the campaign's post numbers (non-empty); texts[i]: the original text of posts[i].
Variation Describe(const Index& index, std::span<const uint32_t> posts,
                   std::span<const std::string_view> texts);

}  // namespace jianmei::campaign
