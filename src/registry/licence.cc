#include "registry/licence.h"

#include <algorithm>

namespace jianmei::registry {
namespace {

bool AllOf(std::string_view s, bool (*ok)(char)) { return std::all_of(s.begin(), s.end(), ok); }
bool Digit(char c) { return c >= '0' && c <= '9'; }
bool DigitOrUpper(char c) { return Digit(c) || (c >= 'A' && c <= 'Z'); }
// GB 32100 统一社会信用代码 alphabet: digits and capitals without I, O, S, V, Z.
bool CreditCodeChar(char c) {
  return Digit(c) || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'S' && c != 'V' && c != 'Z');
}

constexpr std::string_view kFilingPrefix = "备";

}  // namespace

bool IsNonMedicalType(std::string_view type) { return type == "生活美容院" || type == "工作室"; }

std::string CheckInstitutionLicence(std::string_view licence, std::string_view type) {
  if (licence.empty()) return "licence is empty";
  if (IsNonMedicalType(type)) {
    if (licence.size() == 18 && AllOf(licence, CreditCodeChar)) return "";
    return "a " + std::string(type) +
           " is identified by its 18-character 统一社会信用代码 (digits and capitals without I O S V Z)";
  }
  if (licence.substr(0, kFilingPrefix.size()) == kFilingPrefix) {
    std::string_view rest = licence.substr(kFilingPrefix.size());
    if (type != "医疗美容诊所" && type != "诊所") {
      return "only a 医疗美容诊所 or 诊所 may hold a 诊所备案凭证 (备…) number";
    }
    if (rest.size() >= 8 && rest.size() <= 30 && AllOf(rest, DigitOrUpper)) return "";
    return "a 诊所备案凭证 number is 备 followed by 8–30 digits or capital letters";
  }
  if (licence.size() == 22 && AllOf(licence, DigitOrUpper) && AllOf(licence.substr(9, 6), Digit)) {
    return "";
  }
  return "a 《医疗机构执业许可证》登记号 is 22 digits or capital letters with the 6-digit "
         "行政区划代码 at positions 10–15";
}

std::string CheckDoctorLicence(std::string_view licence) {
  if (licence.size() == 15 && AllOf(licence, Digit)) return "";
  return "a 医师执业证书编码 is 15 digits";
}

}  // namespace jianmei::registry
