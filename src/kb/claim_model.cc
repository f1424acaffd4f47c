#include "kb/claim_model.h"

#include <algorithm>
#include <cmath>

#include "core/utf8.h"

namespace jianmei::kb {
namespace {

// The text as the training script sees it (scripts/train_claim_model.py, prepare()): full-width
// ASCII made ASCII, U+3000 a space, A-Z lower-case, every run of white space one space. Each
// character keeps its original bytes and the sentence it belongs to.
struct Prepared {
  std::vector<char32_t> cps;
  std::vector<uint32_t> begin, end;  // original bytes of each character
  std::vector<uint32_t> sentence;
  uint32_t sentences = 0;
};

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool EndsSentence(char32_t c) {
  switch (c) {
    case U'。': case U'！': case U'？': case U'!': case U'?': case U'；': case U';': case U'…':
      return true;
    default:
      return false;
  }
}

void Prepare(std::string_view text, Prepared* p) {
  uint32_t sentence = 0;
  bool last_space = false;
  for (size_t pos = 0; pos < text.size();) {
    size_t len = 1;
    char32_t c = utf8::Decode(text, pos, &len);
    const uint32_t b = static_cast<uint32_t>(pos), e = static_cast<uint32_t>(pos + len);
    pos += len;
    if (c == utf8::kInvalid) c = 0xFFFD;
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    else if (c == 0x3000) c = ' ';
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (IsSpace(c)) {
      // A line break ends a sentence (a listing's lines, a slogan's two halves).
      const bool breaks = c == '\n';
      if (last_space) {
        p->end.back() = e;
        if (breaks && p->sentence.back() == sentence) ++sentence;
        continue;
      }
      last_space = true;
      p->cps.push_back(' ');
      p->begin.push_back(b);
      p->end.push_back(e);
      p->sentence.push_back(sentence);
      if (breaks) ++sentence;
      continue;
    }
    last_space = false;
    p->cps.push_back(c);
    p->begin.push_back(b);
    p->end.push_back(e);
    p->sentence.push_back(sentence);
    if (EndsSentence(c)) ++sentence;
  }
  p->sentences = sentence + 1;
}

uint64_t Pack(const char32_t* cps, int n) {
  uint64_t key = 0;
  for (int i = 0; i < n; ++i) key = (key << 21) | (static_cast<uint64_t>(cps[i]) + 1);
  return key;
}

}  // namespace

ClaimModel::ClaimModel(std::string id, int ngram_min, int ngram_max, double threshold,
                       double threshold_outside_medical, std::vector<Category> categories,
                       std::optional<PromotionColumn> promotion, std::vector<double> intercepts,
                       Provenance prov)
    : id_(std::move(id)),
      ngram_min_(std::clamp(ngram_min, 1, kMaxNgram)),
      ngram_max_(std::clamp(ngram_max, ngram_min_, kMaxNgram)),
      threshold_(threshold),
      threshold_outside_medical_(std::max(threshold, threshold_outside_medical)),
      categories_(std::move(categories)),
      promotion_(promotion),
      columns_(categories_.size() + (promotion ? 1 : 0)),
      intercepts_(std::move(intercepts)),
      prov_(std::move(prov)) {
  intercepts_.resize(columns_);
}

bool ClaimModel::AddFeature(std::string_view ngram, double idf, const std::vector<double>& weights) {
  char32_t cps[kMaxNgram];
  int n = 0;
  for (size_t pos = 0; pos < ngram.size();) {
    size_t len = 1;
    const char32_t c = utf8::Decode(ngram, pos, &len);
    if (c == utf8::kInvalid || n == kMaxNgram) return false;
    cps[n++] = c;
    pos += len;
  }
  if (n == 0 || weights.size() != columns_) return false;
  const uint32_t f = static_cast<uint32_t>(idf_.size());
  if (n == 1 && cps[0] < kUnigramTable) {
    // Single characters of the Basic Multilingual Plane: a direct table, the commonest look-up.
    if (unigram_.empty()) unigram_.assign(kUnigramTable, 0);
    if (unigram_[cps[0]]) return false;
    unigram_[cps[0]] = f + 1;
  } else if (!Insert(Pack(cps, n), f)) {
    return false;
  }
  idf_.push_back(idf);
  weights_.insert(weights_.end(), weights.begin(), weights.end());
  return true;
}

namespace {
size_t SlotOf(uint64_t key, size_t mask) {
  return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}
}  // namespace

const ClaimModel::Slot* ClaimModel::Find(uint64_t key) const {
  if (table_.empty()) return nullptr;
  const size_t mask = table_.size() - 1;
  for (size_t i = SlotOf(key, mask);; i = (i + 1) & mask) {
    if (table_[i].key == key) return &table_[i];
    if (table_[i].key == 0) return nullptr;
  }
}

bool ClaimModel::Insert(uint64_t key, uint32_t feature) {
  if (Find(key)) return false;
  if (2 * (table_used_ + 1) > table_.size()) {
    std::vector<Slot> old = std::move(table_);
    table_.assign(std::max<size_t>(1024, 2 * old.size()), Slot{});
    table_used_ = 0;
    for (const Slot& s : old) {
      if (s.key) Insert(s.key, s.feature);
    }
  }
  const size_t mask = table_.size() - 1;
  size_t i = SlotOf(key, mask);
  while (table_[i].key != 0) i = (i + 1) & mask;
  table_[i] = {key, feature};
  ++table_used_;
  return true;
}

void ClaimModel::Score(std::string_view text, Scores* out) const {
  *out = Scores{};
  // Per-thread buffers: the model is shared, and screening calls this once per post. count and
  // value are dense over the features and all zero between calls.
  thread_local Prepared p;
  thread_local std::vector<std::pair<uint32_t, uint32_t>> occ;
  thread_local std::vector<uint32_t> count, touched;
  thread_local std::vector<double> value, z, by_sentence;
  p.cps.clear();
  p.begin.clear();
  p.end.clear();
  p.sentence.clear();
  Prepare(text, &p);
  const size_t nc = columns_;
  if (count.size() < idf_.size()) {
    count.resize(idf_.size(), 0);
    value.resize(idf_.size(), 0.0);
  }
  // Every occurrence of a known n-gram: (feature, position of its first character).
  occ.clear();
  touched.clear();
  auto seen = [&](uint32_t f, size_t i) {
    occ.emplace_back(f, static_cast<uint32_t>(i));
    if (count[f]++ == 0) touched.push_back(f);
  };
  for (int n = ngram_min_; n <= ngram_max_; ++n) {
    for (size_t i = 0; i + n <= p.cps.size(); ++i) {
      if (n == 1 && p.cps[i] < unigram_.size()) {
        if (const uint32_t f = unigram_[p.cps[i]]) seen(f - 1, i);
        continue;
      }
      if (const Slot* slot = Find(Pack(&p.cps[i], n))) seen(slot->feature, i);
    }
  }
  // tf-idf with tf = 1 + ln(count), L2-normalised over the known n-grams (sklearn's sublinear_tf).
  double norm2 = 0;
  z.assign(nc, 0.0);
  for (uint32_t f : touched) {
    const double v = (count[f] == 1 ? 1.0 : 1.0 + std::log(static_cast<double>(count[f]))) * idf_[f];
    value[f] = v;
    norm2 += v * v;
    const double* w = &weights_[f * nc];
    for (size_t c = 0; c < nc; ++c) z[c] += w[c] * v;
  }
  const double norm = norm2 > 0 ? std::sqrt(norm2) : 1.0;
  for (size_t c = 0; c < nc; ++c) {
    const double prob = 1.0 / (1.0 + std::exp(-(z[c] / norm + intercepts_[c])));
    if (c == categories_.size()) {
      out->promotion = prob;
      continue;
    }
    const int cat = static_cast<int>(categories_[c]);
    out->probability[cat] = prob;
    if (prob < threshold_ || p.cps.empty()) continue;
    // Each occurrence carries its share of its feature's weight.
    by_sentence.assign(p.sentences, 0.0);
    for (const auto& [f, pos] : occ) {
      by_sentence[p.sentence[pos]] += weights_[f * nc + c] * value[f] / count[f];
    }
    const uint32_t best = static_cast<uint32_t>(
        std::max_element(by_sentence.begin(), by_sentence.end()) - by_sentence.begin());
    size_t first = std::find(p.sentence.begin(), p.sentence.end(), best) - p.sentence.begin();
    if (first == p.cps.size()) first = 0;  // the best "sentence" is the empty one after the last end
    size_t last = first;
    while (last + 1 < p.cps.size() && p.sentence[last + 1] == best) ++last;
    while (first < last && p.cps[first] == ' ') ++first;
    while (last > first && p.cps[last] == ' ') --last;
    out->evidence[cat] = Span{p.begin[first], p.end[last]};
  }
  for (uint32_t f : touched) count[f] = 0;
}

}  // namespace jianmei::kb
