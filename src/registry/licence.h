// Licence-number formats the registry accepts (doc/registry.md §Licence numbers). They are this
// system's documented convention, not an official specification: the reference does not give
// the official formats, so the checks are structural only (length and alphabet), no checksums.
#pragma once

#include <string>
#include <string_view>

namespace jianmei::registry {

// "" when `licence` is a valid number for an institution of `type` (a kb institution type),
// otherwise why not, in words.
std::string CheckInstitutionLicence(std::string_view licence, std::string_view type);
// "" when `licence` is a valid 医师执业证书编码 (15 digits).
std::string CheckDoctorLicence(std::string_view licence);
// Whether institutions of this type have no medical licence (生活美容院, 工作室).
bool IsNonMedicalType(std::string_view type);

}  // namespace jianmei::registry
