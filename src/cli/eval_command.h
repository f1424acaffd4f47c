// `jianmei eval FILE`: screens labelled JSON Lines through the screening pipeline and reports
// how well the findings agree with the labels (cli/eval_metrics.h); with --against, the same for
// a second knowledge base and the records whose outcome changed. Floors make it fail below them.
#pragma once

#include <CLI/CLI.hpp>

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/eval_metrics.h"
#include "screen/pipeline.h"

namespace jianmei::cli {

// One labelled input record (`text`, `labels`, optional `id`, `institution`, `author_kind`,
// `channel`; other keys ignored).
struct LabelledPost {
  size_t line = 0;
  screen::Post post;
  std::vector<Category> labels;
};

// Reads every line of `in`; a line that cannot be read goes to `errors` as "line N: why".
std::vector<LabelledPost> ReadLabelledPosts(std::istream& in, std::vector<std::string>* errors);

// Screens each post; fails only when screening itself fails.
Result<std::vector<EvalCase>> ScreenLabelled(const screen::Pipeline& pipeline,
                                             const std::vector<LabelledPost>& posts);

struct EvalOptions {
  bool json = false;
  // Figures only: no record's text, id or labels (misses, changes). A held-out set stays held out
  // only while nobody reads which of its records the engine gets wrong.
  bool blind = false;
  std::optional<double> min_detection;        // exit 1 when detection is below
  std::optional<double> max_false_violation;  // exit 1 when the false-violation rate is above
  std::string kb_name = "kb", against_name = "against";  // the two knowledge bases' directories
};

// Screens `in` with `kb` (and `against`, when given), prints the report to `out` and problems to
// `err`. Exit code: 0; 1 when a line was bad or a floor failed (saying which); 2 on failure.
// The floors apply to `kb`.
int RunEval(const screen::Pipeline& kb, const screen::Pipeline* against, std::istream& in,
            const EvalOptions& options, std::ostream& out, std::ostream& err);

void AddEvalCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace jianmei::cli
