#include "screen/image_channels.h"

#include <algorithm>

#include "core/utf8.h"

namespace jianmei::screen {
namespace {

// The part `span` begins in (a span beginning in a separator belongs to the part after it).
size_t PartOf(const CombinedText& c, Span span) {
  for (size_t p = 0; p < c.parts.size(); ++p) {
    if (span.begin < c.parts[p].end) return p;
    if (p + 1 < c.parts.size() && span.begin < c.parts[p + 1].begin) return p + 1;
  }
  return c.parts.size() - 1;
}

// Moves span into part p's own offsets, cut at the part's end. Returns whether it had to be cut.
bool Relocate(const CombinedText& c, size_t p, Span* span) {
  const Span part = c.parts[p];
  const bool cut = span->end > part.end;
  const uint32_t begin = std::clamp(span->begin, part.begin, part.end);
  const uint32_t end = std::clamp(span->end, begin, part.end);
  *span = {begin - part.begin, end - part.begin};
  return cut;
}

// The noise evasions (spacing, symbols) of `slice` read without its newlines.
uint8_t NoiseWithoutNewlines(std::string_view slice, const text::Normalizer& normalizer) {
  std::string joined;
  for (char c : slice) {
    if (c != '\n') joined.push_back(c);
  }
  const text::NormalizedText n = normalizer.Normalize(joined, {.collapse_repeats = true, .pinyin = false});
  if (n.folded.empty()) return 0;
  return n.EvasionIn({0, static_cast<uint32_t>(n.folded.size())}) & text::kEvasionNoise;
}

std::string PartName(size_t p) {
  return p == 0 ? "the post's text" : "image " + std::to_string(p - 1) + "'s text";
}

}  // namespace

CombinedText CombineTexts(std::string_view post_text, const std::vector<ImageReading>& images) {
  CombinedText c;
  c.text.assign(post_text);
  c.parts.push_back({0, static_cast<uint32_t>(post_text.size())});
  for (const ImageReading& r : images) {
    if (r.error.empty() && !r.text.text.empty()) {
      c.text += kPartSeparator;
      const auto begin = static_cast<uint32_t>(c.text.size());
      c.text += r.text.text;
      c.parts.push_back({begin, static_cast<uint32_t>(c.text.size())});
    } else {
      const auto at = static_cast<uint32_t>(c.text.size());
      c.parts.push_back({at, at});
    }
  }
  return c;
}

void AttributeToSources(const CombinedText& combined, const text::Normalizer& normalizer, Report* report) {
  std::vector<Finding> kept;
  kept.reserve(report->findings.size());
  for (Finding& f : report->findings) {
    const size_t p = PartOf(combined, f.span);
    if (f.span.end > combined.parts[p].end) {
      const size_t last = PartOf(combined, {f.span.end - 1, f.span.end});
      report->warnings.push_back(
          "a match of " + f.rule + " across " + PartName(p) + " and " + PartName(last) +
          " was left out: \"" +
          std::string(utf8::Prefix(f.span.Slice(combined.text), 120)) + "\"");
      continue;
    }
    Relocate(combined, p, &f.span);
    if (p > 0) {
      f.image = static_cast<int>(p - 1);
      const image::ImageText& text = report->images[p - 1].text;
      if (!text.Locate(f.span, &f.box, &f.ocr_confidence)) f.ocr_confidence = 0;
      const std::string_view slice = f.span.Slice(text.text);
      if ((f.evasion & text::kEvasionNoise) && slice.find('\n') != std::string_view::npos) {
        f.evasion = static_cast<uint8_t>((f.evasion & ~text::kEvasionNoise) | NoiseWithoutNewlines(slice, normalizer));
      }
    }
    kept.push_back(std::move(f));
  }
  report->findings = std::move(kept);
  for (Mention& m : report->mentions) {
    const size_t p = PartOf(combined, m.span);
    Relocate(combined, p, &m.span);
    m.image = static_cast<int>(p) - 1;
  }
  for (Cue& c : report->cues) {
    if (c.span.empty()) continue;  // a caller-given cue has no words
    const size_t p = PartOf(combined, c.span);
    Relocate(combined, p, &c.span);
    c.image = static_cast<int>(p) - 1;
  }
}

}  // namespace jianmei::screen
