#include "registry/model.h"

#include <charconv>

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
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto number = [&](size_t pos, size_t len, int* out) {
    const char* end = s.data() + pos + len;
    auto r = std::from_chars(s.data() + pos, end, *out);
    return r.ec == std::errc() && r.ptr == end && s[pos] != '-' && s[pos] != '+';
  };
  int y = 0, m = 0, d = 0;
  if (!number(0, 4, &y) || !number(5, 2, &m) || !number(8, 2, &d)) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || m < 1 || m > 12 || d < 1) return std::nullopt;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  return Date{std::string(s)};
}

}  // namespace jianmei::registry
