// JSON answers and the API's error shape {"error":{"code","message"}} (design doc §6).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "server/http_message.h"

namespace jianmei::server {

void SendJson(Response& res, const nlohmann::json& body, int status = 200);
// code is a stable machine name ("bad_request", "not_found", …); message says where and why.
void SendError(Response& res, int status, std::string_view code, std::string_view message);
// The `q` parameter of a search: non-empty, at most 200 bytes, UTF-8. Otherwise answers 400 and
// returns nothing.
std::optional<std::string> SearchQuery(const Request& req, Response& res);
// Whether the request's Content-Type is application/json (any case, any parameters). Otherwise
// answers 415 saying what was sent and what the endpoint takes, and returns false.
bool RequireJsonContentType(const Request& req, Response& res);
// The machine name the API uses for an HTTP status, e.g. 413 → "payload_too_large".
std::string_view ErrorCodeFor(int status);

}  // namespace jianmei::server
