// The finding categories of the screening contract (design doc §3) and severities.
#pragma once

#include <optional>
#include <string_view>

namespace jianmei {

enum class Category {
  kNonCatalogProcedure,
  kBeyondLicenceScope,
  kUnlicensedProvider,
  kUnapprovedDrugDevice,
  kGuaranteeEfficacySafety,
  kCureOrEffectiveRate,
  kTestimonialOrEndorser,
  kPaidPromotion,
  kDisguisedAd,
  kAppearanceAnxiety,
  kAbsoluteTerms,
  kMisleadingPrice,
  kFalseCredentials,
};
inline constexpr int kCategoryCount = 13;

// Contract names such as "non_catalog_procedure".
std::string_view CategoryName(Category c);
std::optional<Category> ParseCategory(std::string_view name);

enum class Severity { kLow = 0, kMedium = 1, kHigh = 2, kCritical = 3 };

std::string_view SeverityName(Severity s);
std::optional<Severity> ParseSeverity(std::string_view name);

}  // namespace jianmei
