#include "cli/eval_metrics.h"

#include <algorithm>

namespace jianmei::cli {
namespace {

double Ratio(size_t n, size_t d) { return d ? static_cast<double>(n) / static_cast<double>(d) : 0.0; }

bool Has(const std::vector<Category>& set, Category c) {
  return std::find(set.begin(), set.end(), c) != set.end();
}

}  // namespace

bool EvalCase::Detected() const {
  if (verdict == screen::Verdict::kClean) return false;
  return std::any_of(labels.begin(), labels.end(), [&](Category c) { return Has(found, c); });
}

double CategoryStats::precision() const { return Ratio(true_positives, found); }
double CategoryStats::recall() const { return Ratio(true_positives, support); }

double EvalMetrics::detection_rate() const { return Ratio(detected, positives); }
double EvalMetrics::false_violation_rate() const { return Ratio(false_violations, negatives); }
double EvalMetrics::negatives_suspect_rate() const { return Ratio(negatives_suspect, negatives); }

EvalMetrics ComputeEvalMetrics(const std::vector<EvalCase>& cases) {
  EvalMetrics m;
  for (const EvalCase& c : cases) {
    ++m.records;
    if (c.positive()) {
      ++m.positives;
      if (c.Detected()) ++m.detected;
      else m.misses.push_back(&c);
    } else {
      ++m.negatives;
      m.false_violations += c.verdict == screen::Verdict::kViolation;
      m.negatives_suspect += c.verdict == screen::Verdict::kSuspect;
    }
    for (int i = 0; i < kCategoryCount; ++i) {
      const auto cat = static_cast<Category>(i);
      CategoryStats& s = m.categories[i];
      const bool labelled = Has(c.labels, cat), found = Has(c.found, cat);
      s.support += labelled;
      s.found += found;
      s.true_positives += labelled && found;
      if (!labelled || found) continue;
      auto& instead = m.confusion[std::string(CategoryName(cat))];
      bool other = false;
      for (Category f : c.found) {
        if (Has(c.labels, f)) continue;
        ++instead[std::string(CategoryName(f))];
        other = true;
      }
      if (!other) ++instead["(nothing)"];
    }
  }
  return m;
}

}  // namespace jianmei::cli
