// Dates of the proleptic Gregorian calendar, as the registry, evidence and campaign code read
// them. Pure functions, thread-safe.
#pragma once

#include <string_view>

namespace jianmei {

// Days in `month` (1–12) of `year`.
int DaysInMonth(int year, int month);

// Whether s is "YYYY-MM-DD" naming a real date (2024-02-29 is one, 2025-02-29 and 2025-04-31
// are not).
bool IsIsoDate(std::string_view s);

}  // namespace jianmei
