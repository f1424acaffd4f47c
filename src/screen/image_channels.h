// A post's images as more text of the same post (design doc §4: one screening entry point). The
// pipeline screens one text — the post's text, then each image's text after a blank line — so
// that the context judgement weighs the caption and the pictures together ("私信了解" under a
// poster of 小腿肌肉阻断术 is promotion of it) and the report is scored once; then every span
// is moved back into the text it came from, and a finding from an image gets the image's index,
// the box of its words and their OCR confidence. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"
#include "screen/report.h"
#include "text/normalizer.h"

namespace jianmei::screen {

struct CombinedText {
  std::string text;
  // parts[0]: the post's text; parts[1 + i]: image i's text (empty when it was not read).
  std::vector<Span> parts;
};

inline constexpr std::string_view kPartSeparator = "\n\n";

CombinedText CombineTexts(std::string_view post_text, const std::vector<ImageReading>& images);

// Moves the spans of `report`, made by screening combined.text, into the texts they lie in
// (report->images must be the readings CombineTexts was given). A finding that runs from one
// text into the next is a match the post does not contain: it is left out, and a warning in
// report->warnings says so. A cue or mention that does is cut at the end of its first text.
// An image's lines are joined by newlines, which the normaliser counts as removed symbols: a
// finding that spans lines keeps only the evasions its words show without the line breaks
// (`normalizer` folds them again to tell).
void AttributeToSources(const CombinedText& combined, const text::Normalizer& normalizer, Report* report);

}  // namespace jianmei::screen
