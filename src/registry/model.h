// The registry's records (doc/registry.md): medical institutions and non-medical venues, and
// doctors. Plain values; the vocabulary of types and departments is kb's (kb/entries.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jianmei::registry {

enum class RecordStatus { kValid, kSuspended, kRevoked };
const char* RecordStatusName(RecordStatus s);
std::optional<RecordStatus> ParseRecordStatus(std::string_view s);

// A calendar date as YYYY-MM-DD; compares as text.
struct Date {
  std::string iso;
  bool empty() const { return iso.empty(); }
  friend auto operator<=>(const Date&, const Date&) = default;
};
// Only real calendar dates (leap years checked).
std::optional<Date> ParseDate(std::string_view s);

struct Institution {
  std::string licence;  // 许可证登记号, 诊所备案凭证号, or a venue's 统一社会信用代码
  std::string name, type, city;
  int level = 0;  // 1–3 (一/二/三级) for hospitals; 0 = not stated
  std::vector<std::string> aliases, departments;
  std::vector<std::string> projects;  // registered projects as written; empty = not known
  RecordStatus status = RecordStatus::kValid;
  Date valid_from, valid_until;       // empty = not known
  friend bool operator==(const Institution&, const Institution&) = default;
};

// 主诊医师 qualification in one specialty (医疗美容服务管理办法 第十一条), held since `since`.
struct Specialty {
  std::string name;
  int since = 0;
  friend bool operator==(const Specialty&, const Specialty&) = default;
};

struct Doctor {
  std::string licence;  // 医师执业证书编码
  std::string name, institution;  // institution: its licence
  std::vector<Specialty> specialties;
  RecordStatus status = RecordStatus::kValid;
  friend bool operator==(const Doctor&, const Doctor&) = default;
};

// The four 医疗美容 specialties a 主诊医师 qualification names.
inline constexpr const char* kSpecialties[] = {"美容外科", "美容牙科", "美容皮肤科", "美容中医科"};

}  // namespace jianmei::registry
