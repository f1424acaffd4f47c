#include "server/scratch_pool.h"

namespace jianmei::server {

ScratchPool::Lease::~Lease() {
  if (!s_) return;
  std::lock_guard lock(pool_->mu_);
  pool_->free_.push_back(std::move(s_));
}

Result<ScratchPool::Lease> ScratchPool::Acquire(const screen::Pipeline& pipeline) {
  {
    std::lock_guard lock(mu_);
    if (!free_.empty()) {
      auto s = std::move(free_.back());
      free_.pop_back();
      return Lease(this, std::move(s));
    }
  }
  auto s = pipeline.NewScratch();
  if (!s.ok()) return s.status();
  return Lease(this, std::move(*s));
}

}  // namespace jianmei::server
