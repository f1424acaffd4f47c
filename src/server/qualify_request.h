// The body of POST /api/v1/qualify (doc/api.md): {"institution": licence or name,
// "procedure": any name, alias or slang, "date": "YYYY-MM-DD" (optional, default today)}.
// Pure parsing: the names are resolved by the registry, the date checked by the endpoint.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace jianmei::server {

struct QualifyRequest {
  std::string institution, procedure, date;  // date empty = today
};

// Errors name the field and why; unknown fields are errors; names are at most 200 bytes.
Result<QualifyRequest> ParseQualifyRequest(std::string_view body);

}  // namespace jianmei::server
