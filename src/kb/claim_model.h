// ClaimModel: the learned claim model of kb/model/ (trained by scripts/train_claim_model.py): one
// logistic regression per category over the character n-grams of a text. It finds ad wording the
// lexicons do not list; the screener weighs it only where its own context judgement allows.
// Immutable after loading; Score is thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/category.h"
#include "core/span.h"
#include "core/status.h"
#include "kb/entries.h"

namespace jianmei::kb {

class ClaimModel {
 public:
  struct Scores {
    // Per category; 0 for a category the model was not trained on.
    std::array<double, kCategoryCount> probability{};
    // For each category at or above threshold(): the sentence (original bytes) whose n-grams
    // weigh most for it.
    std::array<Span, kCategoryCount> evidence{};
    // The promotion column's reading: the probability that the whole text is an ad, whatever it
    // claims; -1 for a model without that column.
    double promotion = -1;
  };

  // The parameters of the [[model]] entry; weights are added with AddFeature.
  // `threshold` applies to a text the rules know is about medical aesthetics;
  // `threshold_outside_medical` to any other (the model's word alone must be firmer there).
  // With `promotion`, one more column after the categories reads whether the text is an ad at
  // all, firm for promotion at or above promotion->above and against it at or below ->below;
  // `intercepts` and each feature's weights then have that column too.
  struct PromotionColumn {
    double above = 1, below = 0;
    // What a firm reading weighs in the context judgement, for promotion and against it (2: one
    // strong cue, as a contact or a booking).
    int weight_for = 2, weight_against = 2;
  };
  ClaimModel(std::string id, int ngram_min, int ngram_max, double threshold,
             double threshold_outside_medical, std::vector<Category> categories,
             std::optional<PromotionColumn> promotion, std::vector<double> intercepts, Provenance prov);

  // One n-gram (1 to 3 code points, as written in the weights file) with its idf and one weight
  // per column (categories() order, then the promotion column if any). False if the n-gram is
  // malformed or already present.
  bool AddFeature(std::string_view ngram, double idf, const std::vector<double>& weights);

  void Score(std::string_view text, Scores* out) const;

  const std::string& id() const { return id_; }
  double threshold() const { return threshold_; }
  double threshold_outside_medical() const { return threshold_outside_medical_; }
  const std::vector<Category>& categories() const { return categories_; }
  const std::optional<PromotionColumn>& promotion() const { return promotion_; }
  size_t feature_count() const { return idf_.size(); }
  const Provenance& prov() const { return prov_; }

  // The longest n-gram the packing allows.
  static constexpr int kMaxNgram = 3;

 private:
  std::string id_;
  int ngram_min_, ngram_max_;
  double threshold_, threshold_outside_medical_;
  std::vector<Category> categories_;
  std::optional<PromotionColumn> promotion_;
  size_t columns_;  // categories, and the promotion column if any
  std::vector<double> intercepts_;
  Provenance prov_;
  // Longer n-grams: up to three code points packed into 63 bits (21 each, plus one so that none
  // is zero), in an open-addressing table (power-of-two size, at most half full, linear probing):
  // most look-ups miss, and a miss here costs one or two cache lines rather than a bucket chain.
  struct Slot {
    uint64_t key = 0;  // 0: empty
    uint32_t feature = 0;
  };
  std::vector<Slot> table_;
  size_t table_used_ = 0;
  const Slot* Find(uint64_t key) const;
  bool Insert(uint64_t key, uint32_t feature);
  // Feature + 1 of each single BMP character (0: none); empty until one is added.
  static constexpr char32_t kUnigramTable = 0x10000;
  std::vector<uint32_t> unigram_;
  std::vector<double> idf_;
  std::vector<double> weights_;  // feature-major: weights_[f * columns_ + c]
};

}  // namespace jianmei::kb
