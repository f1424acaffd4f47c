// EvalMetrics: how well screening agrees with labelled records (`jianmei eval`): detection and
// false-violation rates, per-category precision and recall, the confusion between categories, and
// the records it misses. Plain values and pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/category.h"
#include "screen/report.h"

namespace jianmei::cli {

// One labelled record and what screening made of it.
struct EvalCase {
  size_t line = 0;
  std::string id;                // empty when the record has none
  std::string text;
  std::vector<Category> labels;  // empty: a negative
  screen::Verdict verdict = screen::Verdict::kClean;
  std::vector<Category> found;   // the categories of the findings, each once, in enum order

  bool positive() const { return !labels.empty(); }
  // A positive is detected when some labelled category is found and the verdict is not clean.
  bool Detected() const;
  // Whether screening got the record right: a positive detected, a negative not a violation.
  bool Correct() const { return positive() ? Detected() : verdict != screen::Verdict::kViolation; }
};

struct CategoryStats {
  size_t support = 0;         // records labelled with it
  size_t found = 0;           // records where it was found (over all records)
  size_t true_positives = 0;  // labelled and found
  double precision() const;   // true_positives / found; 0 when never found
  double recall() const;      // true_positives / support; 0 when no support
};

struct EvalMetrics {
  size_t records = 0, positives = 0, negatives = 0;
  size_t detected = 0;            // positives detected
  size_t false_violations = 0;    // negatives called violation
  size_t negatives_suspect = 0;   // negatives called suspect
  std::array<CategoryStats, kCategoryCount> categories{};
  // For each labelled category, when it was not found: the categories found instead
  // ("(nothing)" when none was), with how many records.
  std::map<std::string, std::map<std::string, size_t>> confusion;
  std::vector<const EvalCase*> misses;  // positives not detected, in input order

  double detection_rate() const;        // detected / positives; 0 without positives
  double false_violation_rate() const;  // false_violations / negatives; 0 without negatives
  double negatives_suspect_rate() const;
};

// The metrics of `cases`, which must outlive them (misses point into them).
EvalMetrics ComputeEvalMetrics(const std::vector<EvalCase>& cases);

}  // namespace jianmei::cli
