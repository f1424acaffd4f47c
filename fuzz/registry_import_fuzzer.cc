// Feeds arbitrary bytes to the registry import reader (CSV over libcsv, or JSON Lines by the
// first byte) and checks that every record it accepts survives export → import unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "registry/record_reader.h"
#include "registry/record_writer.h"

using namespace jianmei::registry;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const FileFormat format = data[0] & 1 ? FileFormat::kJsonLines : FileFormat::kCsv;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  ParsedRegistry p = ReadRegistry(text, format, [](std::string_view licence) { return licence.size() % 2 == 0; });
  for (const RowError& e : p.errors) (void)FormatRowError(e);
  std::string csv = CsvLine(kInstitutionColumns) + "\n";
  for (const Institution& i : p.institutions) csv += CsvLine(InstitutionFields(i)) + "\n";
  ParsedRegistry back = ReadRegistry(csv, FileFormat::kCsv);
  if (!back.errors.empty() || back.institutions != p.institutions) std::abort();
  for (const Doctor& d : p.doctors) {
    auto again = DoctorFromFields(DoctorFields(d));
    if (!again.ok() || !(*again == d)) std::abort();
  }
  return 0;
}
