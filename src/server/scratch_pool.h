// ScratchPool: reusable screening scratch space for the server's worker threads (a Screener's
// Scratch must not be shared by two screenings at once). Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "core/status.h"
#include "screen/screener.h"

namespace jianmei::server {

class ScratchPool {
 public:
  explicit ScratchPool(std::shared_ptr<const screen::Screener> screener)
      : screener_(std::move(screener)) {}

  // A scratch for the lease's lifetime; returned to the pool on destruction.
  class Lease {
   public:
    Lease(ScratchPool* pool, std::unique_ptr<screen::Screener::Scratch> s) : pool_(pool), s_(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease();
    screen::Screener::Scratch& operator*() { return *s_; }

   private:
    ScratchPool* pool_;
    std::unique_ptr<screen::Screener::Scratch> s_;
  };

  Result<Lease> Acquire();

 private:
  std::shared_ptr<const screen::Screener> screener_;
  std::mutex mu_;
  std::vector<std::unique_ptr<screen::Screener::Scratch>> free_;
};

}  // namespace jianmei::server
