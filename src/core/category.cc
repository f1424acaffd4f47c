#include "core/category.h"

#include <array>

namespace jianmei {
namespace {

constexpr std::array<std::string_view, kCategoryCount> kCategoryNames = {
    "non_catalog_procedure", "beyond_licence_scope",      "unlicensed_provider",
    "unapproved_drug_device", "guarantee_efficacy_safety", "cure_or_effective_rate",
    "testimonial_or_endorser", "paid_promotion",           "disguised_ad",
    "appearance_anxiety",     "absolute_terms",            "misleading_price",
    "false_credentials",
};

constexpr std::array<std::string_view, 4> kSeverityNames = {"low", "medium", "high", "critical"};

}  // namespace

std::string_view CategoryName(Category c) { return kCategoryNames[static_cast<int>(c)]; }

std::optional<Category> ParseCategory(std::string_view name) {
  for (int i = 0; i < kCategoryCount; ++i) {
    if (kCategoryNames[i] == name) return static_cast<Category>(i);
  }
  return std::nullopt;
}

std::string_view SeverityName(Severity s) { return kSeverityNames[static_cast<int>(s)]; }

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (int i = 0; i < 4; ++i) {
    if (kSeverityNames[i] == name) return static_cast<Severity>(i);
  }
  return std::nullopt;
}

}  // namespace jianmei
