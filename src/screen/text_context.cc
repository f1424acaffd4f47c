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

int CounterWeight(SignalKind k) {
  switch (k) {
    case SignalKind::kVictim: return 2;
    case SignalKind::kNews: return 2;
    case SignalKind::kWarning: return 2;
    default: return 0;
  }
}

}  // namespace

TextContext::TextContext(const text::NormalizedText& nt, std::vector<SignalHit> signals)
    : nt_(nt), signals_(std::move(signals)) {
  for (const SignalHit& h : signals_) {
    counts_[static_cast<int>(h.signal->kind)]++;
    ids_.insert(h.signal->id);
  }
}

void TextContext::Decide(bool names_medical_entity, int ad_claims) {
  // Each distinct signal entry weighs once: ten phone numbers are not ten offers.
  std::set<const kb::Signal*> distinct;
  int promo = std::min(ad_claims, 2), counter = 0;
  for (const SignalHit& h : signals_) {
    if (distinct.insert(h.signal).second) {
      promo += PromotionWeight(h.signal->kind);
      counter += CounterWeight(h.signal->kind);
    }
  }
  medical_ = names_medical_entity || count(SignalKind::kMedicalContext) > 0;
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
    if (h.signal->kind != kind || h.span.end > claim.begin) continue;
    const int c = nt_.ClauseIndex(h.span.begin);
    if (c <= clause && c >= clause - clauses_back) return true;
  }
  return false;
}

}  // namespace jianmei::screen
