// Screener: normalise → scan → rules. Turns a text into a Report with findings, verdict, risk
// and whether it reads as promotion. Immutable and shared by all threads; each thread screens
// with its own Scratch (NewScratch()).
#pragma once

#include <memory>
#include <string_view>

#include "core/status.h"
#include "kb/knowledge.h"
#include "match/scanner.h"
#include "screen/report.h"
#include "text/normalizer.h"

namespace jianmei::screen {

class Screener {
 public:
  struct Scratch {
    std::unique_ptr<match::Scanner::Scratch> scan;
    std::vector<match::Hit> hits;
    // The text of the last Screen() with this scratch, normalised (pinyin included); valid until
    // the next call, so that later steps (registry names) need not normalise it again.
    text::NormalizedText normalized;
  };

  // Compiles the knowledge base's lexicon (or loads it from options.cache_dir).
  static Result<std::shared_ptr<const Screener>> Create(
      std::shared_ptr<const kb::Knowledge> kb, std::shared_ptr<const text::Normalizer> normalizer,
      const match::ScannerOptions& options = {});
  Screener(const Screener&) = delete;
  Screener& operator=(const Screener&) = delete;

  Result<std::unique_ptr<Scratch>> NewScratch() const;
  // Findings, mentions and the context judgement of `text`, scored. `caller` is what the caller
  // knows of the text (an institution's ad settles promotion).
  Result<Report> Screen(std::string_view text, Scratch& scratch,
                        const CallerContext& caller = {}) const;
  // The same without ScoreReport, for a pipeline that adds findings of its own and scores once
  // (screen/pipeline.h).
  Result<Report> ScreenUnscored(std::string_view text, Scratch& scratch,
                                const CallerContext& caller = {}) const;

  const kb::Knowledge& knowledge() const { return *kb_; }
  const text::Normalizer& normalizer() const { return *normalizer_; }

 private:
  Screener() = default;
  std::shared_ptr<const kb::Knowledge> kb_;
  std::shared_ptr<const text::Normalizer> normalizer_;
  std::shared_ptr<const match::Scanner> scanner_;
};

}  // namespace jianmei::screen
