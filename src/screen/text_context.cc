#include "screen/text_context.h"

#include <algorithm>

namespace jianmei::screen {
namespace {

using kb::SignalKind;

// How strongly each kind of cue says "this is promotion" (positive) or "this is a complaint,
// report or warning" (negative). Contact and booking details are what turn talk into an offer.
int PromotionWeight(SignalKind k) {
  switch (k) {
    case SignalKind::kContact: return 2;
    case SignalKind::kBooking: return 2;
    case SignalKind::kSellerVoice: return 2;
    case SignalKind::kPrice: return 1;
    case SignalKind::kCallToAction: return 1;
    default: return 0;
  }
}

bool IsCounterCue(SignalKind k) {
  return k == SignalKind::kVictim || k == SignalKind::kNews || k == SignalKind::kWarning ||
         k == SignalKind::kQuestion;
}

// Each distinct complaint/report/warning/question term weighs this much, up to kMaxCounter.
constexpr int kCounterWeight = 2;
constexpr int kMaxCounter = 12;
// Each question mark weighs 1, up to this much.
constexpr int kMaxQuestionWeight = 2;

}  // namespace

TextContext::TextContext(const text::NormalizedText& nt, std::vector<SignalHit> signals)
    : nt_(nt), signals_(std::move(signals)) {
  for (const SignalHit& h : signals_) {
    counts_[static_cast<int>(h.signal->kind)]++;
  }
}

bool TextContext::HasSignal(const std::string& id) const {
  // A text has a handful of signal hits: a scan beats building a set for every text.
  return std::any_of(signals_.begin(), signals_.end(),
                     [&](const SignalHit& h) { return h.signal->id == id; });
}

void TextContext::Decide(bool names_medical_entity, int ad_claims, int reinforcing_claims,
                         int question_marks) {
  // An offer: each distinct promotional signal entry weighs once (ten phone numbers are not ten
  // offers), plus the claims, the named procedure or product and the venue that speaks.
  // A complaint, report, warning or question: each distinct cue term weighs, so that a victim's
  // account that quotes the price and the promises still reads as what it is.
  // Few signals per text: small vectors, not sets built and freed for every text.
  std::vector<const kb::Signal*> distinct;
  std::vector<std::string_view> counter_terms;
  int promo = std::min(ad_claims, 3) + (names_medical_entity ? 1 : 0);
  bool venue = false;
  for (const SignalHit& h : signals_) {
    if (IsCounterCue(h.signal->kind)) {
      const std::string_view term = h.span.Slice(nt_.folded);
      if (std::find(counter_terms.begin(), counter_terms.end(), term) == counter_terms.end()) {
        counter_terms.push_back(term);
      }
    } else if (std::find(distinct.begin(), distinct.end(), h.signal) == distinct.end()) {
      distinct.push_back(h.signal);
      promo += PromotionWeight(h.signal->kind);
      venue = venue || h.signal->kind == SignalKind::kInstitutionType;
    }
  }
  promo += venue ? 1 : 0;
  if (promo >= 1 && reinforcing_claims > 0) ++promo;
  const int counter =
      std::min(kMaxCounter, kCounterWeight * static_cast<int>(counter_terms.size()) +
                                std::min(question_marks, kMaxQuestionWeight));
  medical_ = names_medical_entity || venue || count(SignalKind::kMedicalContext) > 0;
  promotional_ = promo >= 2 && promo > counter;
}

const kb::Signal* TextContext::LeastQualifiedVenue() const {
  const kb::Signal* best = nullptr;
  for (const SignalHit& h : signals_) {
    if (h.signal->kind != SignalKind::kInstitutionType) continue;
    if (!best || h.signal->max_grade < best->max_grade) best = h.signal;
  }
  return best;
}

bool TextContext::Precedes(SignalKind kind, Span claim, int clauses_back) const {
  const int clause = nt_.ClauseIndex(claim.begin);
  for (const SignalHit& h : signals_) {
    // Starting strictly before the claim is enough: 会不会 overlaps 不会反弹 and still asks it;
    // 没有任何 that starts with 没有任何副作用 is part of the claim, not a denial of it.
    if (h.signal->kind != kind || h.span.begin >= claim.begin) continue;
    const int c = nt_.ClauseIndex(h.span.begin);
    if (c <= clause && c >= clause - clauses_back) return true;
  }
  return false;
}

}  // namespace jianmei::screen
