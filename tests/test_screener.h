// The screener built from the repository's kb/, shared by the end-to-end tests.
#pragma once

#include <memory>
#include <string>

#include "screen/pipeline.h"
#include "screen/screener.h"

namespace jianmei::testing {

// Loads $JIANMEI_SOURCE_DIR/kb (or the compiled-in source dir); fails the test if it is invalid.
std::shared_ptr<const screen::Screener> RepoScreener();
// RepoScreener() with no registry, as `scan --no-registry` screens.
inline std::shared_ptr<const screen::Pipeline> RepoPipeline() {
  return screen::Pipeline::Create(RepoScreener());
}
// `text` screened by RepoScreener(); an empty report (and a failed test) if that fails.
screen::Report ScreenWithRepoKb(const std::string& text);

}  // namespace jianmei::testing
