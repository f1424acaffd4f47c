#include "server/json_body.h"

#include "core/utf8.h"

namespace jianmei::server {

Status BadField(const std::string& where, const std::string& why) {
  return Status::InvalidArgument(where + ": " + why);
}

Result<nlohmann::json> ParseJsonObjectBody(std::string_view body) {
  if (size_t bad = utf8::FindInvalid(body); bad != std::string_view::npos) {
    return BadField("body", "invalid UTF-8 at byte " + std::to_string(bad));
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann counts from 1; invalid UTF-8 (above) and spans count bytes from 0.
    const size_t at = e.byte > 0 ? e.byte - 1 : 0;
    return BadField("body", "not JSON: syntax error at byte " + std::to_string(at));
  } catch (const nlohmann::json::exception& e) {
    return BadField("body", std::string("not readable JSON: ") + e.what());
  }
  if (!j.is_object()) return BadField("body", "must be a JSON object");
  return j;
}

}  // namespace jianmei::server
