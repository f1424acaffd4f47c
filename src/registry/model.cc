#include "registry/model.h"

#include "core/civil_date.h"

namespace jianmei::registry {

const char* RecordStatusName(RecordStatus s) {
  switch (s) {
    case RecordStatus::kValid: return "valid";
    case RecordStatus::kSuspended: return "suspended";
    case RecordStatus::kRevoked: return "revoked";
  }
  return "?";
}

std::optional<RecordStatus> ParseRecordStatus(std::string_view s) {
  if (s == "valid") return RecordStatus::kValid;
  if (s == "suspended") return RecordStatus::kSuspended;
  if (s == "revoked") return RecordStatus::kRevoked;
  return std::nullopt;
}

std::optional<Date> ParseDate(std::string_view s) {
  if (!IsIsoDate(s) || s < "1900") return std::nullopt;
  return Date{std::string(s)};
}

}  // namespace jianmei::registry
