// Report: the result of screening one text (design doc §4). Plain values; the pointers refer to
// entries of the Knowledge the Screener was built with, which outlives every report it makes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/category.h"
#include "core/span.h"
#include "image/image_text.h"
#include "kb/entries.h"
#include "kb/knowledge.h"

namespace jianmei::screen {

enum class Verdict { kClean, kSuspect, kViolation };
const char* VerdictName(Verdict v);

// What kind of text the screened text reads as (design doc §4): the context judgement that turns
// findings into a verdict. Promotion with findings is a violation; unknown with findings is
// suspect; a first-person experience, a report or warning, or a question keeps its mentions and is
// clean.
enum class TextKind { kPromotion, kExperience, kReport, kQuestion, kUnknown };
const char* TextKindName(TextKind k);

// What the caller knows about the text (optional input fields `author_kind` and `channel`).
enum class AuthorKind { kUnknown, kInstitution, kIndividual };
enum class Channel { kUnknown, kAd, kPost, kComment, kNews };
const char* AuthorKindName(AuthorKind k);
const char* ChannelName(Channel c);
// Parses the input spelling ("institution", "ad", …); false for anything else.
bool ParseAuthorKind(std::string_view s, AuthorKind* out);
bool ParseChannel(std::string_view s, Channel* out);

struct CallerContext {
  AuthorKind author_kind = AuthorKind::kUnknown;
  Channel channel = Channel::kUnknown;
};

// One cue that weighed in the context judgement: its name (a signal kind such as "price" or
// "news", or "claim", "entity", "quotation", "author_kind", "channel"), the words that carried it
// (original bytes; empty for caller-given cues) and which way it pointed.
struct Cue {
  std::string name;
  Span span;
  bool for_promotion = true;
  int image = -1;  // the image whose text holds `span` (Report::images), or -1: the post's text
};

struct EntityInfo {
  std::string kind;    // "procedure" or "product"
  std::string id;
  std::string name;
  std::string status;  // catalog / banned / non_standard, or approved / unapproved / restricted
  int grade = 0;
};

struct Finding {
  Category category = Category::kGuaranteeEfficacySafety;
  std::string rule;        // e.g. "procedure.banned", "claim.guarantee.no-side-effects"
  Severity severity = Severity::kMedium;
  Span span;               // bytes of the original input
  uint8_t evasion = 0;     // text::Evasion bits
  bool ambiguous = false;  // matched a term that may also mean something else
  bool has_entity = false;
  EntityInfo entity;
  std::vector<const kb::Law*> basis;
  std::string explanation;
  kb::Certainty certainty = kb::Certainty::kVerified;  // weakest of the rule and its basis
  uint8_t confidence = 100;  // percent; below 100 when found only through pinyin or homophones
  bool learned = false;      // named by the learned claim model, not by a rule of the knowledge base
  // Found in the text of an image (Report::images[image]): `span` is then in that image's text,
  // `box` where the words lie in the image and `ocr_confidence` the lowest of their OCR
  // confidences. -1: found in the post's text.
  int image = -1;
  image::Box box;
  float ocr_confidence = 1;
};

// Below this OCR confidence an image's finding may be a misreading: it is kept and reported,
// but alone it makes a post `suspect`, never a `violation` (as the learned model's findings).
inline constexpr float kMinOcrConfidenceForViolation = 0.6f;

// A procedure or product named in the text, whether or not it is a finding (a victim's account
// names the banned surgery without advertising it).
struct Mention {
  EntityInfo entity;
  Span span;
  uint8_t evasion = 0;
  int image = -1;  // as Cue::image
};

// One image of the post, read or not: what `images[]` of the output says about it.
struct ImageReading {
  std::string name;
  std::string error;  // not empty: the image was not read, and why
  image::ImageText text;
};

struct Report {
  Verdict verdict = Verdict::kClean;
  int risk = 0;
  bool promotional = false;  // kind == kPromotion
  TextKind kind = TextKind::kUnknown;
  std::vector<Cue> cues;  // the cues that decided `kind`, in text order
  std::vector<Finding> findings;  // sorted by span
  std::vector<Mention> mentions;
  // The post's images in input order (empty when it had none); findings, mentions and cues
  // with `image` ≥ 0 index it.
  std::vector<ImageReading> images;
  // What the front door should add to the record's warnings (a match across two texts).
  std::vector<std::string> warnings;
};

// An OCR confidence as the output writes it: two decimals.
inline double OutputConfidence(float c) { return static_cast<int>(c * 100 + 0.5f) / 100.0; }

// The text a finding, mention or cue of `report` with this `image` index lies in.
inline std::string_view SourceText(const Report& report, std::string_view post_text, int image) {
  return image < 0 ? post_text : std::string_view(report.images[size_t(image)].text.text);
}

// Whether the report's text is judged at all: promotion and unknown kinds carry findings; a
// complaint, report, warning or question keeps only its mentions.
inline bool Judged(const Report& r) {
  return r.kind == TextKind::kPromotion || r.kind == TextKind::kUnknown;
}

// Adds the laws `ids` names to f's basis (each once; ids the knowledge base lacks are skipped) and
// weakens f's certainty to the weakest of them.
void AddBasis(const kb::Knowledge& kb, const std::vector<std::string>& ids, Finding* f);

// Sets risk and verdict from the findings and the kind (design doc §4): promotion with findings
// is a violation, unknown with findings suspect; for whoever adds findings.
void ScoreReport(Report* report);

}  // namespace jianmei::screen
