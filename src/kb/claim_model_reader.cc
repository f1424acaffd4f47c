// KnowledgeLoader's reading of the learned claim model (doc/kb_format.md `[[model]]`): the
// [[model]] entry, its weights file beside it, and the check texts that prove the weights load as
// the training script exported them.
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "kb/entry_reader.h"
#include "kb/knowledge_loader.h"

namespace jianmei::kb {

void KnowledgeLoader::ReadModel(const toml::table& t, const std::string& file) {
  EntryReader r(t, file, diagnostics_);
  const std::string weights = r.String("weights", true);
  const int lo = r.Int("ngram_min", true, 1, ClaimModel::kMaxNgram);
  const int hi = r.Int("ngram_max", true, 1, ClaimModel::kMaxNgram);
  const double threshold = r.Double("threshold", true, 0, 1);
  const double outside = r.Double("threshold_outside_medical", true, 0, 1);
  const std::vector<std::string> names = r.Strings("categories", true);
  const std::vector<double> intercepts = r.Doubles("intercepts", true);
  // The promotion column: present when its thresholds are.
  const bool promotion = t.contains("promotion_above") || t.contains("promotion_below");
  ClaimModel::PromotionColumn column;
  if (promotion) {
    column.above = r.Double("promotion_above", true, 0, 1);
    column.below = r.Double("promotion_below", true, 0, 1);
    if (column.below > column.above) r.Error("`promotion_below` is above `promotion_above`");
    if (t.contains("promotion_weight_for")) column.weight_for = r.Int("promotion_weight_for", true, 0, 12);
    if (t.contains("promotion_weight_against")) {
      column.weight_against = r.Int("promotion_weight_against", true, 0, 12);
    }
  }
  // The weights file's columns: the categories, then "promotion".
  std::vector<std::string> columns = names;
  if (promotion) columns.push_back("promotion");
  struct Check {
    std::string text;
    std::vector<double> probabilities;
    int line;
  };
  std::vector<Check> checks;
  for (const toml::table* c : r.Tables("check", false)) {
    EntryReader cr(*c, file, diagnostics_, false, r.id());
    checks.push_back({cr.String("text", true), cr.Doubles("probabilities", true), cr.line()});
    cr.Finish();
  }
  Provenance prov = r.ReadProvenance();
  r.Finish();
  std::vector<Category> cats;
  for (const std::string& name : names) {
    if (auto c = ParseCategory(name)) cats.push_back(*c);
    else r.Error("unknown category \"" + name + "\"");
  }
  if (cats.size() != names.size()) return;
  if (intercepts.size() != columns.size()) {
    r.Error("`intercepts` has " + std::to_string(intercepts.size()) + " numbers for " +
            std::to_string(cats.size()) + " categories" + (promotion ? " and the promotion column" : ""));
    return;
  }
  if (lo > hi) r.Error("`ngram_min` is above `ngram_max`");
  if (kb_->claim_model_) {
    r.Error("a second [[model]]: the knowledge base holds one claim model");
    return;
  }
  if (weights.empty() || lo > hi) return;
  if (outside < threshold) r.Error("`threshold_outside_medical` is below `threshold`");
  auto model = std::make_shared<ClaimModel>(
      r.id(), lo, hi, threshold, outside, cats,
      promotion ? std::optional<ClaimModel::PromotionColumn>(column) : std::nullopt, intercepts, prov);
  namespace fs = std::filesystem;
  const std::string path = (fs::path(current_path_).parent_path() / weights).string();
  const std::string shown = (fs::path(file).parent_path() / weights).string();
  if (!ReadModelWeights(path, shown, model.get(), columns, prov)) return;
  // The training script wrote what these texts score with the weights it exported: a different
  // computation here, or weights from another training, shows as a difference.
  for (const Check& c : checks) {
    ClaimModel::Scores scores;
    model->Score(c.text, &scores);
    if (c.probabilities.size() != columns.size()) {
      Report({file, c.line, "", {}}, r.id(), "a check needs one probability per column");
      continue;
    }
    for (size_t i = 0; i < columns.size(); ++i) {
      const double got = i < cats.size() ? scores.probability[static_cast<int>(cats[i])] : scores.promotion;
      if (std::abs(got - c.probabilities[i]) > 1e-4) {
        Report({file, c.line, "", {}}, r.id(),
               "check text scores " + std::to_string(got) + " for " + columns[i] + " where the training "
               "script computed " + std::to_string(c.probabilities[i]) +
               ": the weights do not belong to this model, or the scoring differs from the script's");
        break;
      }
    }
  }
  if (checks.empty()) r.Error("a model needs at least one [[model.check]] to prove its weights load as trained");
  kb_->claim_model_ = std::move(model);
}

bool KnowledgeLoader::ReadModelWeights(const std::string& path, const std::string& shown,
                                       ClaimModel* model, const std::vector<std::string>& columns,
                                       const Provenance& prov) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Report(prov, model->id(), "cannot read the weights file " + shown);
    return false;
  }
  std::string line;
  int n = 0;
  std::vector<double> weights;
  auto bad = [&](const std::string& why) {
    diagnostics_->push_back({shown, n, model->id(), why});
    return false;
  };
  while (std::getline(in, line)) {
    ++n;
    for (unsigned char c : line) hash_ = (hash_ ^ c) * 1099511628211ull;
    hash_ = (hash_ ^ '\n') * 1099511628211ull;
    std::vector<std::string_view> cells;
    for (size_t pos = 0;;) {
      const size_t tab = line.find('\t', pos);
      cells.push_back(std::string_view(line).substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    if (n == 1) {
      // "# ngram<TAB>idf<TAB>category…": the columns must be the model's categories, in order.
      std::vector<std::string> header(cells.begin() + std::min<size_t>(2, cells.size()), cells.end());
      if (cells.size() < 2 || cells[0] != "# ngram" || cells[1] != "idf" || header != columns) {
        return bad("the header must be \"# ngram, idf\" and then the model's categories in order");
      }
      continue;
    }
    if (cells.size() != columns.size() + 2) {
      return bad("expected " + std::to_string(columns.size() + 2) + " tab-separated fields, found " +
                 std::to_string(cells.size()));
    }
    auto number = [](std::string_view s, double* out) {
      const std::string copy(s);
      char* end = nullptr;
      *out = std::strtod(copy.c_str(), &end);
      return !copy.empty() && end == copy.c_str() + copy.size() && std::isfinite(*out);
    };
    double idf = 0;
    weights.assign(columns.size(), 0.0);
    bool ok = number(cells[1], &idf);
    for (size_t i = 0; ok && i < columns.size(); ++i) ok = number(cells[i + 2], &weights[i]);
    if (!ok) return bad("a field is not a finite number");
    if (!model->AddFeature(cells[0], idf, weights)) {
      return bad("n-gram \"" + std::string(cells[0]) + "\" is not 1 to " +
                 std::to_string(ClaimModel::kMaxNgram) + " characters of UTF-8, or appears twice");
    }
  }
  if (n < 2) return bad("no n-grams");
  return true;
}

}  // namespace jianmei::kb
