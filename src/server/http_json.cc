#include "server/http_json.h"

#include <strings.h>

#include "core/utf8.h"

namespace jianmei::server {

void SendJson(Response& res, const nlohmann::json& body, int status) {
  res.status = status;
  // Replace invalid UTF-8 rather than throw: every text we echo was validated, but a kb string
  // or a path slice must never turn an answer into a 500.
  res.SetContent(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                 "application/json; charset=utf-8");
}

void SendError(Response& res, int status, std::string_view code, std::string_view message) {
  SendJson(res, {{"error", {{"code", code}, {"message", message}}}}, status);
}

std::optional<std::string> SearchQuery(const Request& req, Response& res) {
  std::string q = req.Param("q");
  if (q.empty()) SendError(res, 400, "bad_request", "query parameter q is missing or empty");
  else if (q.size() > 200) SendError(res, 400, "bad_request", "q is longer than 200 bytes");
  else if (utf8::FindInvalid(q) != std::string::npos) SendError(res, 400, "bad_request", "q is not valid UTF-8");
  else return q;
  return std::nullopt;
}

bool RequireJsonContentType(const Request& req, Response& res) {
  const std::string type = req.Header("Content-Type");
  std::string_view media = std::string_view(type).substr(0, type.find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  if (media.size() == 16 && strncasecmp(media.data(), "application/json", 16) == 0) return true;
  SendError(res, 415, "unsupported_media_type",
            (type.empty() ? std::string("Content-Type is missing")
                          : "Content-Type: " + std::string(utf8::Prefix(type, 60))) +
                ": this endpoint takes a JSON body sent as application/json");
  return false;
}

std::string_view ErrorCodeFor(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 415: return "unsupported_media_type";
    case 416:
      return "range_not_satisfiable";
    case 429: return "rate_limited";
    case 431: return "header_too_large";
    case 503: return "unavailable";
    case 505: return "http_version_not_supported";
    default: return status >= 500 ? "internal" : "bad_request";
  }
}

}  // namespace jianmei::server
