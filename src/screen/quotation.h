// Where a text quotes and where it asks: the regions between quotation marks (“…”, 「…」, "…")
// and the sentences that end in a question mark, in original bytes. A claim inside quotation
// marks in a warning or report is a quotation of someone else's words; a claim in a question
// ("真能保持终身吗？") is asked, not asserted. Built per text; not shared.
#pragma once

#include <string_view>
#include <vector>

#include "core/span.h"

namespace jianmei::screen {

class Quotation {
 public:
  explicit Quotation(std::string_view text) : text_(text) {}
  // Whether original span `s` lies inside one quoted region. The regions are found on the first
  // call: most texts have no counter cue, and nobody asks.
  bool Quoted(Span s) const;
  // Whether the sentence holding original span `s` asks: it ends in ？ or ? and has a question
  // word (吗, 能不能, 真的 …), or ends in 吗/么/嘛 without a mark.
  bool Asked(Span s) const;

 private:
  void FindQuotedRegions() const;
  void FindSentenceEnds() const;

  std::string_view text_;
  // Both found on first use and searched by bisection: a long text has thousands of claims, and a
  // scan of the text or of every region for each of them made a 1 MB post take minutes.
  mutable bool regions_found_ = false;
  // Per kind of quotation mark, in text order (regions of one kind never overlap).
  mutable std::vector<std::vector<Span>> quoted_;
  mutable bool ends_found_ = false;
  // Sentence-end marks in text order: where each starts and where the next sentence begins.
  mutable std::vector<Span> ends_;
};

}  // namespace jianmei::screen
