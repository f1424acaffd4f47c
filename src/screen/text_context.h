// TextContext: what the signals found in one text say about it — is it about medical
// aesthetics, does it read as promotion or as a complaint/report/warning, which venue speaks,
// and which cues stand just before a given claim. Built per text; not shared.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/span.h"
#include "kb/entries.h"
#include "text/normalized_text.h"

namespace jianmei::screen {

struct SignalHit {
  const kb::Signal* signal;
  Span span;  // folded
};

class TextContext {
 public:
  TextContext(const text::NormalizedText& nt, std::vector<SignalHit> signals);
  // Decides medical() and promotional(): ad_claims counts the unquoted, undenied claims in
  // context (a guarantee or a lure reads as promotion by itself); question_marks counts ？ and ?
  // in the original text (a consumer asking, though ads ask rhetorically too, so it weighs less).
  // reinforcing_claims (superlatives, first-person results) add at most 1, and only to a text
  // that something else already marks as an offer.
  void Decide(bool names_medical_entity, int ad_claims, int reinforcing_claims, int question_marks);

  bool medical() const { return medical_; }
  bool promotional() const { return promotional_; }
  int count(kb::SignalKind k) const { return counts_[static_cast<int>(k)]; }
  bool HasSignal(const std::string& id) const;
  // The institution_type signal with the lowest max_grade present, or null.
  const kb::Signal* LeastQualifiedVenue() const;
  // Whether a signal of `kind` starts before `claim` starts, in the same clause (or, with
  // clauses_back = 1, the clause before it too).
  bool Precedes(kb::SignalKind kind, Span claim, int clauses_back) const;

 private:
  const text::NormalizedText& nt_;
  std::vector<SignalHit> signals_;
  std::array<int, kb::kSignalKindCount> counts_{};
  bool medical_ = false;
  bool promotional_ = false;
};

}  // namespace jianmei::screen
