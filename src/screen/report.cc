#include "screen/report.h"

#include <algorithm>

namespace jianmei::screen {
namespace {

int SeverityWeight(Severity s) {
  switch (s) {
    case Severity::kCritical: return 50;
    case Severity::kHigh: return 30;
    case Severity::kMedium: return 15;
    case Severity::kLow: return 5;
  }
  return 0;
}

}  // namespace

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kClean: return "clean";
    case Verdict::kSuspect: return "suspect";
    case Verdict::kViolation: return "violation";
  }
  return "?";
}

const char* TextKindName(TextKind k) {
  switch (k) {
    case TextKind::kPromotion: return "promotion";
    case TextKind::kExperience: return "experience";
    case TextKind::kReport: return "report";
    case TextKind::kQuestion: return "question";
    case TextKind::kUnknown: return "unknown";
  }
  return "?";
}

const char* AuthorKindName(AuthorKind k) {
  switch (k) {
    case AuthorKind::kUnknown: return "unknown";
    case AuthorKind::kInstitution: return "institution";
    case AuthorKind::kIndividual: return "individual";
  }
  return "?";
}

const char* ChannelName(Channel c) {
  switch (c) {
    case Channel::kUnknown: return "unknown";
    case Channel::kAd: return "ad";
    case Channel::kPost: return "post";
    case Channel::kComment: return "comment";
    case Channel::kNews: return "news";
  }
  return "?";
}

bool ParseAuthorKind(std::string_view s, AuthorKind* out) {
  for (AuthorKind k : {AuthorKind::kUnknown, AuthorKind::kInstitution, AuthorKind::kIndividual}) {
    if (s == AuthorKindName(k)) {
      *out = k;
      return true;
    }
  }
  return false;
}

bool ParseChannel(std::string_view s, Channel* out) {
  for (Channel c : {Channel::kUnknown, Channel::kAd, Channel::kPost, Channel::kComment, Channel::kNews}) {
    if (s == ChannelName(c)) {
      *out = c;
      return true;
    }
  }
  return false;
}

void AddBasis(const kb::Knowledge& kb, const std::vector<std::string>& ids, Finding* f) {
  for (const std::string& id : ids) {
    const kb::Law* law = kb.FindLaw(id);
    if (!law || std::find(f->basis.begin(), f->basis.end(), law) != f->basis.end()) continue;
    f->basis.push_back(law);
    f->certainty = std::max(f->certainty, law->prov.certainty);
  }
}

void ScoreReport(Report* report) {
  int risk = 0;
  bool any_evasion = false;
  for (const Finding& f : report->findings) {
    risk += SeverityWeight(f.severity);
    any_evasion = any_evasion || f.evasion != 0;
  }
  if (any_evasion) risk += 10;
  // A finding in a text of unknown kind is a claim whose purpose is unproven: half the risk.
  if (report->kind != TextKind::kPromotion) risk /= 2;
  report->risk = std::min(risk, 100);
  // The learned model's findings are for review: alone they make a text suspect, never a
  // violation (a manual's shell listing misread as a contact makes a "promotion" of it). So are
  // findings in image text the OCR was unsure of: a misreading must not convict a post.
  const bool ruled = std::any_of(report->findings.begin(), report->findings.end(), [](const Finding& f) {
    return !f.learned && (f.image < 0 || f.ocr_confidence >= kMinOcrConfidenceForViolation);
  });
  report->verdict = report->findings.empty()                         ? Verdict::kClean
                    : report->kind == TextKind::kPromotion && ruled ? Verdict::kViolation
                                                                     : Verdict::kSuspect;
}

}  // namespace jianmei::screen
