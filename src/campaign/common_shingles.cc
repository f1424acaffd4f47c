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

}  // namespace jianmei::campaign
