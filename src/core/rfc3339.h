// RFC 3339 date-times ↔ seconds since the Unix epoch (UTC), as posts, campaigns and evidence
// entries give them. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jianmei {

// "2025-03-01T08:00:00+08:00" → 1740787200. Fractions are dropped. nullopt if not RFC 3339
// or not a real date (2025-02-29, 2025-04-31).
std::optional<int64_t> ParseRfc3339(std::string_view s);
// 1740787200 → "2025-03-01T00:00:00Z".
std::string FormatRfc3339(int64_t seconds);
// The current time, to the second, in UTC.
std::string NowRfc3339();

}  // namespace jianmei
