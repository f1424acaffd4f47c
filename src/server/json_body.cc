#include "server/json_body.h"

#include "core/json_reader.h"
#include "core/utf8.h"

namespace jianmei::server {

Status BadField(const std::string& where, const std::string& why) {
  return Status::InvalidArgument(where + ": " + why);
}

Result<nlohmann::json> ParseJsonObjectBody(std::string_view body) {
  if (size_t bad = utf8::FindInvalid(body); bad != std::string_view::npos) {
    return BadField("body", "invalid UTF-8 at byte " + std::to_string(bad));
  }
  auto j = ReadJson(body, "body", "body");
  if (!j.ok()) return j.status();
  if (!j->is_object()) return BadField("body", "must be a JSON object");
  return j;
}

}  // namespace jianmei::server
