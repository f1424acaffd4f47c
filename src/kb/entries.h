// The knowledge-base entry types (doc/kb_format.md). Plain values owned by Knowledge.
#pragma once

#include <string>
#include <vector>

#include "core/category.h"

namespace jianmei::kb {

enum class Certainty { kVerified, kAgreed, kSingle, kRecalled };
const char* CertaintyName(Certainty c);

struct Provenance {
  std::string file;  // kb file the entry came from, for diagnostics
  int line = 0;
  std::string source;
  Certainty certainty = Certainty::kRecalled;
};

struct Law {
  std::string id, law, article, item, cite, summary, effective, superseded;
  Provenance prov;
};

enum class ProcedureStatus { kCatalog, kBanned, kNonStandard };
const char* ProcedureStatusName(ProcedureStatus s);

struct Procedure {
  std::string id, name, specialty, region, summary, risks, note;
  ProcedureStatus status = ProcedureStatus::kCatalog;
  int grade = 0;  // 1–4 for graded 美容外科 items, 0 when not graded
  std::vector<std::string> aliases, ambiguous_aliases, basis;
  Provenance prov;
};

enum class ProductStatus { kApproved, kUnapproved, kRestricted };
const char* ProductStatusName(ProductStatus s);

struct Product {
  std::string id, name, kind, procedure, summary, note;
  ProductStatus status = ProductStatus::kApproved;
  int device_class = 0;
  std::vector<std::string> aliases, ambiguous_aliases, basis;
  Provenance prov;
};

enum class ClaimContext { kMedical, kPromotional, kAny };

struct Claim {
  std::string id, explanation;
  Category category = Category::kGuaranteeEfficacySafety;
  Severity severity = Severity::kMedium;
  ClaimContext context = ClaimContext::kMedical;
  std::vector<std::string> terms, patterns, requires_signals, basis;
  Provenance prov;
};

enum class SignalKind {
  kPrice, kContact, kBooking, kCallToAction, kSellerVoice, kMedicalContext, kReportedSpeech,
  kNegation, kVictim, kNews, kWarning, kInstitutionType,
};
inline constexpr int kSignalKindCount = 12;
const char* SignalKindName(SignalKind k);

struct Signal {
  std::string id, value;
  int max_grade = -1;  // institution_type only: highest catalog grade this venue may perform
  SignalKind kind = SignalKind::kPrice;
  std::vector<std::string> terms, patterns;
  std::vector<std::string> basis;  // institution_type only: rules broken above max_grade
  Provenance prov;
};

struct GradeRule {
  std::string id;
  int grade = 0;
  std::vector<std::string> institutions, basis;
  Provenance prov;
};

}  // namespace jianmei::kb
