#include "kb/entries.h"

#include <algorithm>

namespace jianmei::kb {

const char* CertaintyName(Certainty c) {
  switch (c) {
    case Certainty::kVerified: return "verified";
    case Certainty::kAgreed: return "agreed";
    case Certainty::kSingle: return "single";
    case Certainty::kRecalled: return "recalled";
  }
  return "?";
}

const char* ProcedureStatusName(ProcedureStatus s) {
  switch (s) {
    case ProcedureStatus::kCatalog: return "catalog";
    case ProcedureStatus::kBanned: return "banned";
    case ProcedureStatus::kNonStandard: return "non_standard";
  }
  return "?";
}

const char* ProductStatusName(ProductStatus s) {
  switch (s) {
    case ProductStatus::kApproved: return "approved";
    case ProductStatus::kUnapproved: return "unapproved";
    case ProductStatus::kRestricted: return "restricted";
  }
  return "?";
}

const char* CatalogReachName(CatalogReach r) {
  switch (r) {
    case CatalogReach::kFull: return "full";
    case CatalogReach::kPartial: return "partial";
    case CatalogReach::kNone: return "none";
  }
  return "?";
}

const char* SignalKindName(SignalKind k) {
  static const char* const kNames[kSignalKindCount] = {
      "price",          "contact",         "booking", "call_to_action", "seller_voice",
      "medical_context", "reported_speech", "negation", "victim",        "news",
      "warning",        "institution_type", "question"};
  return kNames[static_cast<int>(k)];
}

bool IsInstitutionType(std::string_view name) {
  for (const char* t : kInstitutionTypes) {
    if (name == t) return true;
  }
  return false;
}

bool IsDepartment(std::string_view name) {
  for (const char* d : kDepartments) {
    if (name == d) return true;
  }
  return false;
}

const char* PracticeCaseName(PracticeCase c) {
  static const char* const kNames[kPracticeCaseCount] = {
      "non_medical_venue", "licence_revoked",    "licence_suspended",
      "licence_expired",   "project_not_registered", "banned",
      "non_catalog",       "doctor_unregistered", "doctor_not_attending"};
  return kNames[static_cast<int>(c)];
}

std::string FillWording(std::string_view text,
                        std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out;
  out.reserve(text.size() + 64);
  for (size_t pos = 0; pos < text.size();) {
    const size_t open = text.find('{', pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    const size_t close = text.find('}', open);
    const std::string_view key =
        close == std::string_view::npos ? std::string_view() : text.substr(open + 1, close - open - 1);
    auto it = std::find_if(values.begin(), values.end(), [&](const auto& kv) { return kv.first == key; });
    if (close == std::string_view::npos || it == values.end()) {
      out.push_back('{');
      pos = open + 1;
      continue;
    }
    out.append(it->second);
    pos = close + 1;
  }
  return out;
}

}  // namespace jianmei::kb
