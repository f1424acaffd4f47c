#include "core/civil_date.h"

namespace jianmei {

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int field[3] = {0, 0, 0};
  const size_t start[3] = {0, 5, 8}, length[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (size_t i = start[k]; i < start[k] + length[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      field[k] = field[k] * 10 + (s[i] - '0');
    }
  }
  const int month = field[1], day = field[2];
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(field[0], month);
}

}  // namespace jianmei
