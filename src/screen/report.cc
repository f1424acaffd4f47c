#include "screen/report.h"

namespace jianmei::screen {

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kClean: return "clean";
    case Verdict::kSuspect: return "suspect";
    case Verdict::kViolation: return "violation";
  }
  return "?";
}

}  // namespace jianmei::screen
