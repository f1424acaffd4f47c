// ScratchPool: reusable screening scratch space for the server's worker threads (a pipeline's
// Scratch must not be shared by two screenings at once). A scratch made for an earlier pipeline
// (before a registry import) is fitted to the current one when used (screen/pipeline.h).
// Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "core/status.h"
#include "screen/pipeline.h"

namespace jianmei::server {

class ScratchPool {
 public:
  ScratchPool() = default;
  ScratchPool(const ScratchPool&) = delete;
  ScratchPool& operator=(const ScratchPool&) = delete;

  // A scratch for the lease's lifetime; returned to the pool on destruction.
  class Lease {
   public:
    Lease(ScratchPool* pool, std::unique_ptr<screen::Pipeline::Scratch> s) : pool_(pool), s_(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease();
    screen::Pipeline::Scratch& operator*() { return *s_; }

   private:
    ScratchPool* pool_;
    std::unique_ptr<screen::Pipeline::Scratch> s_;
  };

  // A pooled scratch, or a new one made by `pipeline`.
  Result<Lease> Acquire(const screen::Pipeline& pipeline);

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<screen::Pipeline::Scratch>> free_;
};

}  // namespace jianmei::server
