// ScreenerSlot: the screener currently in service, swapped atomically when the knowledge base is
// reloaded while other threads keep screening. Readers take a shared_ptr, so a screener (and the
// Knowledge its reports point into) lives until the last scan using it has finished.
// Thread-safe. SlotScreener is one thread's handle: not thread-safe, one per thread.
#pragma once

#include <atomic>
#include <memory>

#include "screen/screener.h"

namespace jianmei::screen {

class ScreenerSlot {
 public:
  explicit ScreenerSlot(std::shared_ptr<const Screener> s) : current_(std::move(s)) {}
  ScreenerSlot(const ScreenerSlot&) = delete;
  ScreenerSlot& operator=(const ScreenerSlot&) = delete;

  std::shared_ptr<const Screener> Current() const { return current_.load(std::memory_order_acquire); }
  void Swap(std::shared_ptr<const Screener> next) { current_.store(std::move(next), std::memory_order_release); }

 private:
  std::atomic<std::shared_ptr<const Screener>> current_;
};

class SlotScreener {
 public:
  explicit SlotScreener(const ScreenerSlot& slot) : slot_(slot) {}
  // Screens with the slot's current screener, making new scratch after a swap. The report
  // points into screener(), which this handle keeps alive until the next call.
  Result<Report> Screen(std::string_view text) {
    std::shared_ptr<const Screener> now = slot_.Current();
    if (now != screener_) {
      auto scratch = now->NewScratch();
      if (!scratch.ok()) return scratch.status();
      scratch_ = std::move(*scratch);
      screener_ = std::move(now);
    }
    return screener_->Screen(text, *scratch_);
  }
  const Screener& screener() const { return *screener_; }

 private:
  const ScreenerSlot& slot_;
  std::shared_ptr<const Screener> screener_;
  std::unique_ptr<Screener::Scratch> scratch_;
};

}  // namespace jianmei::screen
