#include "server/router.h"

#include "server/http_json.h"

namespace jianmei::server {

void Router::Add(std::string method, const std::string& pattern, Handler handler) {
  routes_.push_back({std::move(method), std::regex(pattern), std::move(handler)});
}

void Router::Dispatch(const Request& req, Response& res) const {
  std::string allow;
  for (const Route& route : routes_) {
    std::smatch match;
    if (!std::regex_match(req.path, match, route.pattern)) continue;
    if (route.method == req.method || (req.method == "HEAD" && route.method == "GET")) {
      route.handler(req, res, match);
      return;
    }
    if (allow.find(route.method) == std::string::npos) {
      allow += (allow.empty() ? "" : ", ") + route.method;
    }
  }
  if (allow.empty()) {
    SendError(res, 404, "not_found", "no such resource: " + req.path.substr(0, 200));
    return;
  }
  res.SetHeader("Allow", allow);
  SendError(res, 405, "method_not_allowed",
            req.method.substr(0, 16) + " is not allowed on " + req.path.substr(0, 200) +
                "; allowed: " + allow);
}

}  // namespace jianmei::server
