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

void ScoreReport(Report* report) {
  int risk = 0;
  bool any_evasion = false, serious = false;
  for (const Finding& f : report->findings) {
    risk += SeverityWeight(f.severity);
    any_evasion = any_evasion || f.evasion != 0;
    serious = serious || f.severity >= Severity::kHigh;
  }
  if (any_evasion) risk += 10;
  report->risk = std::min(risk, 100);
  report->verdict = report->findings.empty() ? Verdict::kClean
                    : serious               ? Verdict::kViolation
                                            : Verdict::kSuspect;
}

}  // namespace jianmei::screen
