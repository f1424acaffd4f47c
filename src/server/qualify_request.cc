#include "server/qualify_request.h"

#include "server/json_body.h"

namespace jianmei::server {

Result<QualifyRequest> ParseQualifyRequest(std::string_view body) {
  auto j = ParseJsonObjectBody(body);
  if (!j.ok()) return j.status();
  QualifyRequest request;
  for (const auto& [key, value] : j->items()) {
    std::string* target = key == "institution" ? &request.institution
                          : key == "procedure" ? &request.procedure
                          : key == "date"      ? &request.date
                                               : nullptr;
    if (!target) return BadField(key.substr(0, 80), "unknown field");
    if (key == "date" && value.is_null()) continue;
    if (!value.is_string()) return BadField(key, "must be a string");
    *target = value.get<std::string>();
    if (target->size() > 200) return BadField(key, "longer than 200 bytes");
  }
  if (request.institution.empty()) return BadField("institution", "missing or empty (required)");
  if (request.procedure.empty()) return BadField("procedure", "missing or empty (required)");
  return request;
}

}  // namespace jianmei::server
