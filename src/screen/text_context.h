// TextContext: what the signals found in one text say about it — is it about medical
// aesthetics, what kind of text it reads as (promotion, a first-person experience, a report or
// warning, a question, or unknown) and which cues decided that, which venue speaks, and which
// cues stand just before a given claim. Built per text; not shared.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/span.h"
#include "kb/entries.h"
#include "screen/report.h"
#include "text/normalized_text.h"

namespace jianmei::screen {

struct SignalHit {
  const kb::Signal* signal;
  Span span;  // folded
};

// What the screener found that weighs in the judgement besides the signals. Spans are folded.
struct ContextEvidence {
  // The first procedure or product named, if any.
  std::optional<Span> entity;
  // Ad-language claims in context, neither denied, quoted nor asked: each says "offer" by itself.
  std::vector<Span> ad_claims;
  // Superlatives and first-person results: add at most 1, and only to a text that something
  // else already marks as an offer.
  int reinforcing_claims = 0;
  // Claims quoted (reported speech, quotation marks in a text with counter cues) or asked.
  std::vector<Span> quoted_claims;
  // ？ and ? in the original text.
  int question_marks = 0;
  // The learned model's reading of the whole text where it is firm (kb/model/, its promotion
  // column): true for an ad, false for something else; none where it is unsure or absent.
  std::optional<bool> model_reading;
  CallerContext caller;
};

class TextContext {
 public:
  TextContext(const text::NormalizedText& nt, std::vector<SignalHit> signals);
  // Whether the text is about medical aesthetics (a named entity, a venue or a medical cue).
  // Known before Decide: it decides which claims count.
  bool medical(bool names_medical_entity) const;
  // Whether any complaint, report, warning, question or reported-speech cue is present: quotation
  // marks around a claim mean a quotation only in such a text (ads quote their own slogans).
  bool HasCounterCue() const;
  // Decides kind() from the cues for promotion (offers, seller voice, claims, named entities,
  // venue, the caller's word) and against it (complaint, harm, news, regulator, warning,
  // question, quotation). Promotion needs at least two points and more than the counter cues;
  // a counter kind needs at least two points and more than the promotion; anything else is
  // unknown (a slogan with one claim and no offer, an ad that also says 谨防黑机构).
  void Decide(const ContextEvidence& e);

  TextKind kind() const { return kind_; }
  bool promotional() const { return kind_ == TextKind::kPromotion; }
  // The cues that weighed, folded spans, in text order.
  const std::vector<Cue>& cues() const { return cues_; }
  int count(kb::SignalKind k) const { return counts_[static_cast<int>(k)]; }
  bool HasSignal(const std::string& id) const;
  // The institution_type signal with the lowest max_grade present, or null.
  const kb::Signal* LeastQualifiedVenue() const;
  // Whether a signal of `kind` starts before `claim` starts, in the same clause (or, with
  // clauses_back = 1, the clause before it too).
  bool Precedes(kb::SignalKind kind, Span claim, int clauses_back) const;
  // Whether a signal of `kind` starts before `claim` in the same sentence (no sentence end
  // between them): "工作人员一直说打苹果肌绝对好看又持久，起码年轻十岁" reports both claims.
  bool PrecedesInSentence(kb::SignalKind kind, Span claim) const;

 private:
  // Whether a signal of `kind` starts in [from, before).
  bool StartsIn(kb::SignalKind kind, uint32_t from, uint32_t before) const;

  const text::NormalizedText& nt_;
  std::vector<SignalHit> signals_;
  // Each kind's signal starts, sorted, and the sentence ends' positions: Precedes and
  // PrecedesInSentence are asked for every claim, and a long text has many of both (a 1 MB post
  // took a minute when each question scanned every signal and every break).
  std::array<std::vector<uint32_t>, kb::kSignalKindCount> starts_;
  std::vector<uint32_t> sentence_ends_;
  std::array<int, kb::kSignalKindCount> counts_{};
  TextKind kind_ = TextKind::kUnknown;
  std::vector<Cue> cues_;
};

}  // namespace jianmei::screen
