// The knowledge-base entry types (doc/kb_format.md). Plain values owned by Knowledge.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
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
  // Those ambiguous aliases whose every reading is a procedure of this specialty, only which one
  // (of which grade) being in doubt (吸脂: the volume decides the grade). Qualification only.
  std::vector<std::string> grade_ambiguous_aliases;
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
  kNegation, kVictim, kNews, kWarning, kInstitutionType, kQuestion,
};
inline constexpr int kSignalKindCount = 13;
const char* SignalKindName(SignalKind k);

struct Signal {
  std::string id, value;
  int max_grade = -1;  // institution_type only: highest catalog grade this venue may perform
  SignalKind kind = SignalKind::kPrice;
  std::vector<std::string> terms, patterns;
  std::vector<std::string> basis;  // institution_type only: rules broken above max_grade
  Provenance prov;
};

// The institution vocabulary the structured rules and the registry share (doc/kb_format.md).
inline constexpr const char* kInstitutionTypes[] = {
    "美容医院", "医疗美容门诊部", "医疗美容诊所", "综合医院", "整形外科医院", "生活美容院", "工作室"};
inline constexpr const char* kDepartments[] = {
    "医疗美容科", "美容外科", "美容皮肤科", "美容牙科", "美容中医科", "整形外科", "麻醉科"};
bool IsInstitutionType(std::string_view name);
bool IsDepartment(std::string_view name);

// One way to qualify for a grade: an institution of `type`, at one of `levels` (any level when
// empty), with at least one of `departments_any` (none needed when empty) and all of
// `departments_all`.
struct GradeClause {
  std::string type, note;
  std::vector<int> levels;
  std::vector<std::string> departments_any, departments_all;
  Certainty certainty = Certainty::kRecalled;
};

struct GradeRule {
  std::string id;
  int grade = 0;
  std::vector<std::string> institutions, basis;  // institutions: the rule in words
  std::vector<GradeClause> allow;                // the same rule, structured
  Provenance prov;
};

// Which registered departments cover a specialty's projects (医疗美容服务管理办法 原第十七条).
struct DepartmentRule {
  std::string id, specialty;
  std::vector<std::string> departments, basis;
  Provenance prov;
};

// The legal basis of each other reason a qualification or a registry finding gives.
enum class PracticeCase {
  kNonMedicalVenue, kLicenceRevoked, kLicenceSuspended, kLicenceExpired, kProjectNotRegistered,
  kBanned, kNonCatalog, kDoctorUnregistered, kDoctorNotAttending,
};
inline constexpr int kPracticeCaseCount = 9;
const char* PracticeCaseName(PracticeCase c);

struct PracticeRule {
  std::string id, explanation;
  PracticeCase applies = PracticeCase::kNonMedicalVenue;
  std::vector<std::string> types;  // non_medical_venue only: the institution types it covers
  std::vector<std::string> basis;
  Provenance prov;
};

// What users read about a category as a whole (kb/categories.toml): for a finding that no single
// lexicon entry made (the learned claim model's).
struct CategoryNote {
  Category category = Category::kGuaranteeEfficacySafety;
  std::string title, explanation;
  std::vector<std::string> basis;
  Provenance prov;
};

// Where a victim's complaint can be filed (kb/complaint_channels.toml): shown in the complaint
// report with the findings of the complaint that fall in `categories` (empty: any).
struct ComplaintChannel {
  std::string id;
  std::string name;     // may hold {city}: the respondent's city
  std::string contact;  // how to reach it (number, platform, office)
  std::string handles;  // what it deals with, in plain Chinese
  std::vector<Category> categories;
  Provenance prov;
};

// A sentence users read, with {placeholders} its user fills in (kb/wording.toml).
struct Wording {
  std::string id, text;
  Provenance prov;
};
// `text` with each {key} replaced by its value; unknown keys stay as written.
std::string FillWording(std::string_view text,
                        std::initializer_list<std::pair<std::string_view, std::string_view>> values);

}  // namespace jianmei::kb
