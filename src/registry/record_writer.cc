#include "registry/record_writer.h"

#include "registry/csv_reader.h"
#include "registry/spreadsheet_cell.h"

namespace jianmei::registry {
namespace {

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ";") + s;
  return out;
}

}  // namespace

std::vector<std::string> InstitutionFields(const Institution& i) {
  static const char* const kLevels[] = {"", "一级", "二级", "三级"};
  return {i.licence, i.name, i.type, i.level >= 0 && i.level <= 3 ? kLevels[i.level] : "",
          i.city, RecordStatusName(i.status), i.valid_from.iso, i.valid_until.iso,
          JoinList(i.departments), JoinList(i.projects), JoinList(i.aliases)};
}

std::vector<std::string> DoctorFields(const Doctor& d) {
  std::vector<std::string> specialties;
  for (const Specialty& s : d.specialties) specialties.push_back(s.name + ":" + std::to_string(s.since));
  return {d.licence, d.name, d.institution, JoinList(specialties), RecordStatusName(d.status)};
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + CsvField(fields[i]);
  return line;
}

std::string SpreadsheetCsvLine(const std::vector<std::string>& fields) {
  std::vector<std::string> safe;
  safe.reserve(fields.size());
  for (const std::string& f : fields) safe.push_back(NeutraliseCell(f));
  return CsvLine(safe);
}

}  // namespace jianmei::registry
