#include "screen/text_context.h"

#include <algorithm>

namespace jianmei::screen {
namespace {

using kb::SignalKind;

// How strongly each kind of cue says "this is promotion". Contact and booking details are what
// turn talk into an offer.
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

// The kind of text a counter cue speaks for, or kPromotion for a cue that is not one.
TextKind CounterKind(SignalKind k) {
  switch (k) {
    case SignalKind::kVictim: return TextKind::kExperience;
    case SignalKind::kNews:
    case SignalKind::kWarning:
    case SignalKind::kReportedSpeech: return TextKind::kReport;
    case SignalKind::kQuestion: return TextKind::kQuestion;
    default: return TextKind::kPromotion;
  }
}

// Each distinct complaint/report/warning/question term weighs this much (reported speech, which
// ads use too, half of it), up to kMaxCounter in all.
constexpr int kCounterWeight = 2;
constexpr int kMaxCounter = 12;
// Each question mark weighs 1, up to this much; so does each quoted claim.
constexpr int kMaxQuestionWeight = 2;
constexpr int kMaxQuotedWeight = 2;
// Ad claims count up to this much.
constexpr int kMaxClaimWeight = 3;
// What a kind needs at least to be decided.
constexpr int kDecisive = 2;
// The learned model's firm reading of the whole text weighs like one strong cue: it has seen how
// ads, news, explainers and victims' accounts are worded, which no short cue list captures.
constexpr int kModelWeight = 2;

}  // namespace

TextContext::TextContext(const text::NormalizedText& nt, std::vector<SignalHit> signals)
    : nt_(nt), signals_(std::move(signals)) {
  for (const SignalHit& h : signals_) {
    counts_[static_cast<int>(h.signal->kind)]++;
    starts_[static_cast<int>(h.signal->kind)].push_back(h.span.begin);
  }
  for (auto& starts : starts_) std::sort(starts.begin(), starts.end());
  for (const text::ClauseBreak& b : nt_.breaks) {
    if (b.strong) sentence_ends_.push_back(b.pos);
  }
}

bool TextContext::StartsIn(SignalKind kind, uint32_t from, uint32_t before) const {
  const std::vector<uint32_t>& starts = starts_[static_cast<int>(kind)];
  const auto it = std::lower_bound(starts.begin(), starts.end(), from);
  return it != starts.end() && *it < before;
}

bool TextContext::HasSignal(const std::string& id) const {
  // A text has a handful of signal hits: a scan beats building a set for every text.
  return std::any_of(signals_.begin(), signals_.end(),
                     [&](const SignalHit& h) { return h.signal->id == id; });
}

bool TextContext::medical(bool names_medical_entity) const {
  // A medical venue speaks of medicine; a nail salon or a beauty parlour by itself does not (its
  // injections are found through what it offers).
  return names_medical_entity || count(SignalKind::kMedicalContext) > 0 ||
         std::any_of(signals_.begin(), signals_.end(), [](const SignalHit& h) {
           return h.signal->kind == SignalKind::kInstitutionType && h.signal->max_grade > 0;
         });
}

bool TextContext::HasCounterCue() const {
  return std::any_of(signals_.begin(), signals_.end(), [](const SignalHit& h) {
    return CounterKind(h.signal->kind) != TextKind::kPromotion;
  });
}

void TextContext::Decide(const ContextEvidence& e) {
  cues_.clear();
  // An offer: each distinct promotional signal entry weighs once (ten phone numbers are not ten
  // offers), plus the claims, the named procedure or product and the venue that speaks.
  // A complaint, report, warning or question: each distinct cue term weighs, so that a victim's
  // account that quotes the price and the promises still reads as what it is.
  // Few signals per text: small vectors, not sets built and freed for every text.
  std::vector<const kb::Signal*> distinct;
  std::vector<std::string_view> counter_terms;
  int promo = std::min(static_cast<int>(e.ad_claims.size()), kMaxClaimWeight) +
              (e.entity ? 1 : 0);
  int experience = 0, report = 0, question = 0, reported = 0;
  bool venue = false;
  for (const SignalHit& h : signals_) {
    const TextKind counter = CounterKind(h.signal->kind);
    if (counter != TextKind::kPromotion) {
      const std::string_view term = h.span.Slice(nt_.folded);
      if (std::find(counter_terms.begin(), counter_terms.end(), term) != counter_terms.end()) {
        continue;
      }
      counter_terms.push_back(term);
      cues_.push_back({kb::SignalKindName(h.signal->kind), h.span, false});
      if (h.signal->kind == SignalKind::kReportedSpeech) ++reported;
      else if (counter == TextKind::kExperience) experience += kCounterWeight;
      else if (counter == TextKind::kReport) report += kCounterWeight;
      else question += kCounterWeight;
    } else if (const int w = PromotionWeight(h.signal->kind);
               (w > 0 || h.signal->kind == SignalKind::kInstitutionType) &&
               std::find(distinct.begin(), distinct.end(), h.signal) == distinct.end()) {
      distinct.push_back(h.signal);
      promo += w;
      venue = venue || h.signal->kind == SignalKind::kInstitutionType;
      cues_.push_back({kb::SignalKindName(h.signal->kind), h.span, true});
    }
  }
  promo += venue ? 1 : 0;
  if (promo >= 1 && e.reinforcing_claims > 0) ++promo;
  // Against promotion, the model says only "not an ad": the other cues say which kind.
  int model_against = 0;
  if (e.model_reading) {
    (*e.model_reading ? promo : model_against) += kModelWeight;
    cues_.push_back({"model", Span{}, *e.model_reading});
  }
  report += std::min(reported, kMaxQuestionWeight) +
            std::min(static_cast<int>(e.quoted_claims.size()), kMaxQuotedWeight);
  question += std::min(e.question_marks, kMaxQuestionWeight);
  const int counter = std::min(kMaxCounter, experience + report + question + model_against);

  for (Span s : e.ad_claims) cues_.push_back({"claim", s, true});
  if (e.entity) cues_.push_back({"entity", *e.entity, true});
  for (Span s : e.quoted_claims) cues_.push_back({"quotation", s, false});
  std::stable_sort(cues_.begin(), cues_.end(),
                   [](const Cue& a, const Cue& b) { return a.span.begin < b.span.begin; });

  // The caller's word settles it: an institution's text or an ad is promotion, a news item is a
  // report.
  if (e.caller.author_kind == AuthorKind::kInstitution || e.caller.channel == Channel::kAd) {
    cues_.insert(cues_.begin(), {e.caller.channel == Channel::kAd ? "channel" : "author_kind",
                                 Span{}, true});
    kind_ = TextKind::kPromotion;
    return;
  }
  if (e.caller.channel == Channel::kNews) {
    cues_.insert(cues_.begin(), {"channel", Span{}, false});
    kind_ = TextKind::kReport;
    return;
  }
  if (promo >= kDecisive && promo > counter) {
    kind_ = TextKind::kPromotion;
  } else if (counter >= kDecisive && counter > promo) {
    kind_ = report >= experience && report >= question ? TextKind::kReport
            : experience >= question                   ? TextKind::kExperience
                                                       : TextKind::kQuestion;
  } else {
    kind_ = TextKind::kUnknown;
  }
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
  // Starting strictly before the claim is enough: 会不会 overlaps 不会反弹 and still asks it;
  // 没有任何 that starts with 没有任何副作用 is part of the claim, not a denial of it.
  // Clause c begins at the c-th break (breaks are in text order).
  const int first = nt_.ClauseIndex(claim.begin) - clauses_back;
  const uint32_t from = first <= 0 ? 0 : nt_.breaks[first - 1].pos;
  return StartsIn(kind, from, claim.begin);
}

bool TextContext::PrecedesInSentence(SignalKind kind, Span claim) const {
  // No sentence end in (signal, claim]: the signal starts at or after the last end at or
  // before the claim.
  const auto end = std::upper_bound(sentence_ends_.begin(), sentence_ends_.end(), claim.begin);
  const uint32_t from = end == sentence_ends_.begin() ? 0 : *std::prev(end);
  return StartsIn(kind, from, claim.begin);
}

}  // namespace jianmei::screen
