// Pipeline: the one screening entry point (design doc §4) behind `scan`, `check`, `eval` and
// POST /api/v1/screen: normalise once, match and apply the knowledge base's rules (Screener), add
// the registry's findings over that same normalised text (InstitutionNames, when a registry is in
// use), score once. Immutable and shared by all threads; it keeps its screener and names alive.
// Each thread screens with its own Scratch.
#pragma once

#include <memory>
#include <string_view>

#include "core/status.h"
#include "screen/institution_names.h"
#include "screen/post.h"
#include "screen/report.h"
#include "screen/screener.h"

namespace jianmei::screen {

class Pipeline {
 public:
  // One thread's state. A scratch made by another pipeline (the server's, before a registry
  // import swapped it) is fitted to this one on first use, since it records what it was made for.
  struct Scratch {
    std::unique_ptr<Screener::Scratch> screen;
    std::unique_ptr<InstitutionNames::Scratch> names;
    std::shared_ptr<const Screener> screen_for;
    std::shared_ptr<const InstitutionNames> names_for;
  };

  // `names` may be null: no registry.
  static std::shared_ptr<const Pipeline> Create(std::shared_ptr<const Screener> screener,
                                                std::shared_ptr<const InstitutionNames> names = nullptr);
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  Result<std::unique_ptr<Scratch>> NewScratch() const;
  // The scored report of the post's text, screened with the post's caller context.
  Result<Report> Screen(const Post& post, Scratch& scratch) const;
  Result<Report> Screen(std::string_view text, Scratch& scratch, const CallerContext& caller = {}) const;

  const Screener& screener() const { return *screener_; }
  const std::shared_ptr<const Screener>& shared_screener() const { return screener_; }
  const std::shared_ptr<const InstitutionNames>& names() const { return names_; }

 private:
  Pipeline(std::shared_ptr<const Screener> screener, std::shared_ptr<const InstitutionNames> names)
      : screener_(std::move(screener)), names_(std::move(names)) {}
  Status Fit(Scratch& scratch) const;

  std::shared_ptr<const Screener> screener_;
  std::shared_ptr<const InstitutionNames> names_;
};

}  // namespace jianmei::screen
