#include "core/rfc3339.h"

#include <chrono>
#include <cinttypes>
#include <cstdio>

#include "core/civil_date.h"

namespace jianmei {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool Num(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::optional<int64_t> ParseRfc3339(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (!Num(s, 0, 4, &y) || s.size() < 20 || s[4] != '-' || !Num(s, 5, 2, &mo) || s[7] != '-' ||
      !Num(s, 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !Num(s, 11, 2, &h) ||
      s[13] != ':' || !Num(s, 14, 2, &mi) || s[16] != ':' || !Num(s, 17, 2, &se)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo) || h > 23 || mi > 59 || se > 60) {
    return std::nullopt;
  }
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    size_t j = i + 1;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i + 1) return std::nullopt;
    i = j;
  }
  int64_t offset = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) {
    offset = 0;
  } else {
    int oh, om;
    if (i + 6 != s.size() || (s[i] != '+' && s[i] != '-') || !Num(s, i + 1, 2, &oh) ||
        s[i + 3] != ':' || !Num(s, i + 4, 2, &om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (s[i] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  return DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
}

std::string FormatRfc3339(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  const int64_t secs = t - days * 86400;
  // civil_from_days
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  char out[128];  // room for any int64_t year, so that the compiler sees no truncation
  std::snprintf(out, sizeof out, "%04" PRId64 "-%02u-%02uT%02" PRId64 ":%02" PRId64 ":%02" PRId64 "Z", y, m,
                d, secs / 3600, secs / 60 % 60, secs % 60);
  return out;
}

std::string NowRfc3339() {
  return FormatRfc3339(std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count());
}

}  // namespace jianmei
