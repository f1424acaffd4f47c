#include "campaign/common_shingles.h"

#include <algorithm>
#include <cmath>

namespace jianmei::campaign {

void CommonShingles::Counter::Add(std::span<const uint32_t> unique_shingles) {
  ++documents_;
  for (uint32_t s : unique_shingles) ++df_[s];
}

CommonShingles CommonShingles::Counter::Build(const CommonShingleOptions& options) const {
  std::vector<uint32_t> common;
  if (documents_ >= options.min_documents) {
    const double limit = options.max_document_share * static_cast<double>(documents_);
    for (const auto& [shingle, df] : df_) {
      if (static_cast<double>(df) > limit) common.push_back(shingle);
    }
  }
  std::sort(common.begin(), common.end());
  return CommonShingles(std::move(common));
}

bool CommonShingles::Contains(uint32_t shingle) const {
  return std::binary_search(set_.begin(), set_.end(), shingle);
}

void CommonShingles::Filter(std::vector<uint32_t>* shingles) const {
  if (set_.empty()) return;
  std::erase_if(*shingles, [&](uint32_t s) { return Contains(s); });
}

std::vector<uint32_t> CommonShingles::KeepCopiedRuns(std::span<const uint32_t> sequence,
                                                     uint32_t copied_run) const {
  std::vector<uint32_t> out;
  out.reserve(sequence.size());
  for (size_t i = 0; i < sequence.size();) {
    if (!Contains(sequence[i])) {
      out.push_back(sequence[i++]);
      continue;
    }
    size_t end = i;
    while (end < sequence.size() && Contains(sequence[end])) ++end;
    if (copied_run > 0 && end - i >= copied_run) out.insert(out.end(), sequence.begin() + i, sequence.begin() + end);
    i = end;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace jianmei::campaign
