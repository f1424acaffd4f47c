#include "registry/record_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/json_reader.h"
#include "core/utf8.h"
#include "kb/entries.h"
#include "registry/csv_reader.h"
#include "registry/licence.h"
#include "registry/record_writer.h"
#include "registry/spreadsheet_cell.h"

namespace jianmei::registry {

const std::vector<std::string> kInstitutionColumns = {
    "licence", "name", "type", "level", "city", "status", "valid_from", "valid_until",
    "departments", "projects", "aliases"};
const std::vector<std::string> kDoctorColumns = {"doctor_licence", "name", "institution_licence",
                                                 "specialties", "status"};

namespace {

using Row = std::map<std::string, std::string, std::less<>>;

// The first C0 control character other than tab, line feed and carriage return, or DEL: bytes
// no registry value holds (doc/registry.md); npos when there is none.
size_t FindControl(std::string_view value) {
  for (size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return i;
  }
  return std::string_view::npos;
}

std::string CodePoint(char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto u = static_cast<unsigned char>(c);
  return std::string("U+00") + kHex[u >> 4] + kHex[u & 0xf];
}
constexpr const char* kRequiredInstitution[] = {"licence", "name", "type", "status"};
constexpr const char* kRequiredDoctor[] = {"doctor_licence", "name", "institution_licence", "status"};

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size() && !s.empty()) {
    size_t semi = s.find(';', pos);
    std::string_view part = s.substr(pos, semi == std::string_view::npos ? s.npos : semi - pos);
    if (!part.empty()) out.emplace_back(part);
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return out;
}

int ParseLevel(std::string_view s) {
  if (s == "1" || s == "一级") return 1;
  if (s == "2" || s == "二级") return 2;
  if (s == "3" || s == "三级") return 3;
  return -1;
}

class RowChecker {
 public:
  explicit RowChecker(ParsedRegistry* out,
                      std::function<bool(std::string_view)> institution_known = {},
                      std::function<bool(std::string_view)> project_known = {})
      : out_(out),
        institution_known_(std::move(institution_known)),
        project_known_(std::move(project_known)) {}

  // `row` holds the columns present; `raw` is the line for a rejects file.
  void Check(int line, const Row& row, const std::string& raw) {
    const size_t errors_before = out_->errors.size();
    line_ = line;
    raw_ = &raw;
    for (const auto& [column, value] : row) {
      if (size_t bad = utf8::FindInvalid(value); bad != std::string::npos) {
        Error(column, "not valid UTF-8 at byte " + std::to_string(bad) +
                          " of the field (the file must be UTF-8, not GBK or another encoding)");
      } else if (size_t control = FindControl(value); control != std::string::npos) {
        Error(column, "control character " + CodePoint(value[control]) + " at byte " +
                          std::to_string(control) +
                          " of the field (a value may hold tabs and line breaks, no other control character)");
      }
    }
    if (out_->errors.size() != errors_before) return;
    if (row.count("doctor_licence")) CheckDoctor(row);
    else CheckInstitution(row);
  }

 private:
  void Error(std::string column, std::string reason) {
    out_->errors.push_back({line_, std::move(column), std::move(reason), *raw_});
  }
  std::string Get(const Row& row, std::string_view column) {
    auto it = row.find(column);
    return it == row.end() ? std::string() : it->second;
  }
  template <size_t N>
  bool Require(const Row& row, const char* const (&columns)[N]) {
    bool ok = true;
    for (const char* c : columns) {
      if (!row.count(c)) Error(c, "missing column");
      else if (row.at(c).empty()) Error(c, "empty value in a required column");
      else continue;
      ok = false;
    }
    return ok;
  }
  // Only rows that passed are in `seen`: a rejected row (skipped with --skip-bad) neither makes
  // its corrected re-entry a duplicate nor vouches for the doctors who name its licence.
  void Duplicate(const std::unordered_map<std::string, int>& seen, const std::string& licence,
                 const char* column) {
    if (auto it = seen.find(licence); it != seen.end()) {
      Error(column, "duplicate licence " + licence + " (first on line " + std::to_string(it->second) + ")");
    }
  }
  RecordStatus Status(const Row& row) {
    auto s = ParseRecordStatus(Get(row, "status"));
    if (!s) Error("status", "unknown status \"" + Get(row, "status") + "\" (expected valid, suspended or revoked)");
    return s.value_or(RecordStatus::kValid);
  }

  void CheckInstitution(const Row& row) {
    const size_t before = out_->errors.size();
    Require(row, kRequiredInstitution);
    Institution inst;
    inst.licence = Get(row, "licence");
    inst.name = Get(row, "name");
    inst.type = Get(row, "type");
    inst.city = Get(row, "city");
    if (!inst.type.empty() && !kb::IsInstitutionType(inst.type)) {
      Error("type", "unknown institution type \"" + inst.type + "\"");
    } else if (!inst.licence.empty() && !inst.type.empty()) {
      if (std::string why = CheckInstitutionLicence(inst.licence, inst.type); !why.empty()) {
        Error("licence", "bad licence format \"" + inst.licence + "\": " + why);
      }
    }
    if (std::string level = Get(row, "level"); !level.empty()) {
      inst.level = ParseLevel(level);
      if (inst.level < 0) Error("level", "bad level \"" + level + "\" (expected 一级, 二级, 三级 or 1–3)");
    }
    if (!Get(row, "status").empty()) inst.status = Status(row);
    for (const char* column : {"valid_from", "valid_until"}) {
      std::string v = Get(row, column);
      if (v.empty()) continue;
      auto d = ParseDate(v);
      if (!d) Error(column, "bad date \"" + v + "\" (expected a real date as YYYY-MM-DD)");
      else (std::string_view(column) == "valid_from" ? inst.valid_from : inst.valid_until) = *d;
    }
    if (!inst.valid_from.empty() && !inst.valid_until.empty() && inst.valid_until < inst.valid_from) {
      Error("valid_until", "bad date: " + inst.valid_until.iso + " is before valid_from " + inst.valid_from.iso);
    }
    inst.departments = SplitList(Get(row, "departments"));
    for (const std::string& d : inst.departments) {
      if (!kb::IsDepartment(d)) Error("departments", "unknown department \"" + d + "\"");
    }
    inst.projects = SplitList(Get(row, "projects"));
    for (const std::string& p : inst.projects) {
      if (project_known_ && !project_known_(p)) {
        Error("projects", "unknown project \"" + p +
                              "\" (not a procedure name or unambiguous alias of the "
                              "knowledge base; `jianmei lookup` shows what a name means)");
      }
    }
    inst.aliases = SplitList(Get(row, "aliases"));
    if (!inst.licence.empty()) Duplicate(institutions_seen_, inst.licence, "licence");
    if (out_->errors.size() != before) return;
    institutions_seen_.emplace(inst.licence, line_);
    out_->institutions.push_back(std::move(inst));
    out_->institution_lines.push_back(line_);
  }

  void CheckDoctor(const Row& row) {
    const size_t before = out_->errors.size();
    Require(row, kRequiredDoctor);
    Doctor doc;
    doc.licence = Get(row, "doctor_licence");
    doc.name = Get(row, "name");
    doc.institution = Get(row, "institution_licence");
    if (!doc.licence.empty()) {
      if (std::string why = CheckDoctorLicence(doc.licence); !why.empty()) {
        Error("doctor_licence", "bad licence format \"" + doc.licence + "\": " + why);
      }
    }
    if (institution_known_ && !doc.institution.empty() && !institutions_seen_.count(doc.institution) &&
        !institution_known_(doc.institution)) {
      Error("institution_licence", "no institution with licence " + doc.institution +
                                       " in the registry (import the institutions first)");
    }
    if (!Get(row, "status").empty()) doc.status = Status(row);
    for (const std::string& item : SplitList(Get(row, "specialties"))) {
      size_t colon = item.rfind(':');
      Specialty s;
      s.name = item.substr(0, colon == std::string::npos ? item.size() : colon);
      const bool known = std::any_of(std::begin(kSpecialties), std::end(kSpecialties),
                                     [&](const char* k) { return s.name == k; });
      std::string year = colon == std::string::npos ? "" : item.substr(colon + 1);
      if (!known) {
        Error("specialties", "unknown specialty \"" + s.name + "\" (expected 美容外科, 美容牙科, 美容皮肤科 or 美容中医科)");
      } else if (year.size() != 4 || !std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
                 (s.since = std::stoi(year)) < 1950) {
        Error("specialties", "\"" + item + "\" needs the year qualified as 主诊医师, e.g. 美容外科:2015");
      }
      doc.specialties.push_back(std::move(s));
    }
    if (!doc.licence.empty()) Duplicate(doctors_seen_, doc.licence, "doctor_licence");
    if (out_->errors.size() != before) return;
    doctors_seen_.emplace(doc.licence, line_);
    out_->doctors.push_back(std::move(doc));
    out_->doctor_lines.push_back(line_);
  }

  ParsedRegistry* out_;
  std::function<bool(std::string_view)> institution_known_, project_known_;
  int line_ = 0;
  const std::string* raw_ = nullptr;
  std::unordered_map<std::string, int> institutions_seen_, doctors_seen_;
};

std::string_view StripBom(std::string_view data) {
  return data.substr(0, 3) == "\xEF\xBB\xBF" ? data.substr(3) : data;
}

bool CheckHeader(const std::vector<std::string>& header, ParsedRegistry* out) {
  const bool doctors = !header.empty() && header[0] == "doctor_licence";
  const std::vector<std::string>& known = doctors ? kDoctorColumns : kInstitutionColumns;
  const size_t before = out->errors.size();
  std::map<std::string, int> seen;
  for (const std::string& h : header) {
    if (std::find(known.begin(), known.end(), h) == known.end()) {
      out->errors.push_back({1, h, std::string("unknown column (the ") +
                                       (doctors ? "doctor" : "institution") +
                                       " columns are listed in doc/registry.md)", out->header, true});
    } else if (seen[h]++) {
      out->errors.push_back({1, h, "column named twice", out->header, true});
    }
  }
  auto required = doctors ? std::vector<const char*>(std::begin(kRequiredDoctor), std::end(kRequiredDoctor))
                          : std::vector<const char*>(std::begin(kRequiredInstitution), std::end(kRequiredInstitution));
  for (const char* r : required) {
    if (!seen.count(r)) out->errors.push_back({1, r, "missing column", out->header, true});
  }
  return out->errors.size() == before;
}

void ReadCsvRegistry(std::string_view data, RowChecker& checker, ParsedRegistry* out) {
  std::vector<std::string> header;
  bool header_ok = false;
  int error_line = 0;
  std::string error;
  bool ok = ReadCsv(data, [&](CsvRecord&& r) {
    if (header.empty()) {
      header = std::move(r.fields);
      out->header = CsvLine(header);
      header_ok = CheckHeader(header, out);
      return;
    }
    if (!header_ok) return;
    // A cell written spreadsheet-safe ('=…) is read back as it was before (spreadsheet_cell.h);
    // the rejects file writes it safe again.
    for (std::string& field : r.fields) field = UnneutraliseCell(field);
    const std::string raw = SpreadsheetCsvLine(r.fields);
    if (r.fields.size() != header.size()) {
      out->errors.push_back({r.line, "", "row has " + std::to_string(r.fields.size()) +
                                             " fields but the header has " + std::to_string(header.size()), raw});
      return;
    }
    Row row;
    for (size_t i = 0; i < header.size(); ++i) row[header[i]] = std::move(r.fields[i]);
    checker.Check(r.line, row, raw);
  }, &error_line, &error);
  if (!ok) out->errors.push_back({error_line, "", error, "", true});
  if (header.empty() && ok) out->errors.push_back({1, "", "empty file: no header line", "", true});
}

void ReadJsonLines(std::string_view data, RowChecker& checker, ParsedRegistry* out) {
  int line = 0;
  size_t pos = 0;
  bool any_line = false;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    std::string raw(data.substr(pos, nl == std::string_view::npos ? data.npos : nl - pos));
    pos = nl == std::string_view::npos ? data.size() : nl + 1;
    ++line;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (raw.find_first_not_of(" \t") == std::string::npos) continue;
    any_line = true;
    if (size_t bad = utf8::FindInvalid(raw); bad != std::string::npos) {
      out->errors.push_back({line, "", "not valid UTF-8 at byte " + std::to_string(bad) +
                                           " of the line (the file must be UTF-8)", raw});
      continue;
    }
    auto parsed = ReadJson(raw, "line");
    if (!parsed.ok() || !parsed->is_object()) {
      out->errors.push_back({line, "", parsed.ok() ? "not a JSON object" : parsed.status().message(), raw});
      continue;
    }
    const nlohmann::json& j = *parsed;
    const bool doctor = j.contains("doctor_licence");
    const std::vector<std::string>& known = doctor ? kDoctorColumns : kInstitutionColumns;
    Row row;
    bool bad = false;
    for (const auto& [key, value] : j.items()) {
      std::string text;
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        out->errors.push_back({line, key, "unknown column", raw});
        bad = true;
        continue;
      }
      if (value.is_string()) text = value.get<std::string>();
      else if (value.is_number_integer()) text = std::to_string(value.get<int64_t>());
      else if (value.is_null()) text.clear();
      else if (value.is_array() && std::all_of(value.begin(), value.end(), [](const auto& e) {
                 return e.is_string() && e.template get<std::string>().find(';') == std::string::npos;
               })) {
        for (const auto& e : value) text += (text.empty() ? "" : ";") + e.get<std::string>();
      } else {
        out->errors.push_back({line, key, "must be a string, an integer or an array of strings without ';'", raw});
        bad = true;
        continue;
      }
      row[key] = std::move(text);
    }
    if (!bad) checker.Check(line, row, raw);
  }
  // As for CSV (no header line): a file without a single record is a mistake, not an import of
  // nothing.
  if (!any_line) out->errors.push_back({1, "", "empty file: no JSON object", "", true});
}

}  // namespace

std::string FormatRowError(const RowError& e) {
  return "line " + std::to_string(e.line) + (e.column.empty() ? "" : ", column " + e.column) + ": " + e.reason;
}

bool HasFatalError(const ParsedRegistry& p) {
  return std::any_of(p.errors.begin(), p.errors.end(), [](const RowError& e) { return e.fatal; });
}

namespace {

template <typename T>
Result<T> FromFields(const std::vector<std::string>& columns, const std::vector<std::string>& fields,
                     std::vector<T> ParsedRegistry::*records) {
  if (fields.size() != columns.size()) {
    return Status::InvalidArgument("record has " + std::to_string(fields.size()) + " fields, expected " +
                                   std::to_string(columns.size()));
  }
  ParsedRegistry out;
  Row row;
  for (size_t i = 0; i < columns.size(); ++i) row[columns[i]] = fields[i];
  RowChecker(&out).Check(0, row, "");
  if (!out.errors.empty()) return Status::InvalidArgument(FormatRowError(out.errors[0]));
  return std::move((out.*records)[0]);
}

}  // namespace

Result<Institution> InstitutionFromFields(const std::vector<std::string>& fields) {
  return FromFields(kInstitutionColumns, fields, &ParsedRegistry::institutions);
}

Result<Doctor> DoctorFromFields(const std::vector<std::string>& fields) {
  return FromFields(kDoctorColumns, fields, &ParsedRegistry::doctors);
}

FileFormat FormatOf(std::string_view path) {
  for (std::string_view ext : {".jsonl", ".ndjson", ".json"}) {
    if (path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext) return FileFormat::kJsonLines;
  }
  return FileFormat::kCsv;
}

ParsedRegistry ReadRegistry(std::string_view data, FileFormat format,
                            const std::function<bool(std::string_view)>& institution_known,
                            const std::function<bool(std::string_view)>& project_known) {
  ParsedRegistry out;
  RowChecker checker(&out, institution_known, project_known);
  data = StripBom(data);
  if (format == FileFormat::kCsv) ReadCsvRegistry(data, checker, &out);
  else ReadJsonLines(data, checker, &out);
  return out;
}

}  // namespace jianmei::registry
