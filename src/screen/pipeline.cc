#include "screen/pipeline.h"

namespace jianmei::screen {

std::shared_ptr<const Pipeline> Pipeline::Create(std::shared_ptr<const Screener> screener,
                                                 std::shared_ptr<const InstitutionNames> names) {
  return std::shared_ptr<const Pipeline>(new Pipeline(std::move(screener), std::move(names)));
}

Status Pipeline::Fit(Scratch& scratch) const {
  if (scratch.screen_for != screener_ || !scratch.screen) {
    auto s = screener_->NewScratch();
    if (!s.ok()) return s.status();
    scratch.screen = std::move(*s);
    scratch.screen_for = screener_;
  }
  if (names_ && (scratch.names_for != names_ || !scratch.names)) {
    auto n = names_->NewScratch();
    if (!n.ok()) return n.status();
    scratch.names = std::move(*n);
    scratch.names_for = names_;
  }
  return Status::Ok();
}

Result<std::unique_ptr<Pipeline::Scratch>> Pipeline::NewScratch() const {
  auto scratch = std::make_unique<Scratch>();
  if (Status s = Fit(*scratch); !s.ok()) return s;
  return scratch;
}

Result<Report> Pipeline::Screen(const Post& post, Scratch& scratch) const {
  return Screen(post.text, scratch, post.caller);
}

Result<Report> Pipeline::Screen(std::string_view text, Scratch& scratch,
                                const CallerContext& caller) const {
  if (Status s = Fit(scratch); !s.ok()) return s;
  auto report = screener_->ScreenUnscored(text, *scratch.screen, caller);
  if (!report.ok()) return report;
  // The screener leaves the text it normalised in its scratch: the registry reads that.
  if (names_) {
    if (Status s = names_->AddFindings(scratch.screen->normalized, *scratch.names, &*report); !s.ok()) {
      return s;
    }
  }
  ScoreReport(&*report);
  return report;
}

}  // namespace jianmei::screen
