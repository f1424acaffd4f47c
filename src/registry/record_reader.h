// Reads a registry file (CSV or JSON Lines, doc/registry.md §Import format) into records, checking
// every row and reporting every problem with its line, column and reason. Nothing touches the
// database here; store/registry_store imports what this returns.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "registry/model.h"

namespace jianmei::registry {

struct RowError {
  int line = 0;
  std::string column;  // empty when the problem is the whole line
  std::string reason;
  std::string raw;     // the offending line as read (CSV: the record re-encoded), for rejects files
  bool fatal = false;  // the header or the file's syntax: no row can be trusted after it
};
std::string FormatRowError(const RowError& e);  // "line 3, column licence: …"

struct ParsedRegistry {
  std::vector<Institution> institutions;
  std::vector<Doctor> doctors;
  std::vector<int> institution_lines, doctor_lines;  // line of each record, for later checks
  std::vector<RowError> errors;
  std::string header;  // CSV: the header line, for a rejects file
};

enum class FileFormat { kCsv, kJsonLines };
// By extension: .jsonl / .ndjson / .json → JSON Lines, anything else CSV.
FileFormat FormatOf(std::string_view path);

// The columns of each record kind, in export order; the first names the record kind.
extern const std::vector<std::string> kInstitutionColumns;
extern const std::vector<std::string> kDoctorColumns;

// Never fails: every problem, including a malformed file, ends up in `errors`. Rows with an error
// are left out of the records; a licence seen twice in the file is an error on its second row.
// `institution_known`, when given, says whether a doctor's institution licence is in the registry
// already; a doctor whose institution is neither there nor earlier in the file is a bad row.
// `project_known`, when given, says whether a registered project name is one the knowledge base
// resolves (registry::RegisteredProject); an institution listing another is a bad row.
ParsedRegistry ReadRegistry(std::string_view data, FileFormat format,
                            const std::function<bool(std::string_view)>& institution_known = {},
                            const std::function<bool(std::string_view)>& project_known = {});
bool HasFatalError(const ParsedRegistry& p);

// One record from its fields in column order (kInstitutionColumns / kDoctorColumns), checked
// like a file row: for reading back what the store holds. InvalidArgument names the problem.
Result<Institution> InstitutionFromFields(const std::vector<std::string>& fields);
Result<Doctor> DoctorFromFields(const std::vector<std::string>& fields);

}  // namespace jianmei::registry
