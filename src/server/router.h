// Router: the API's routes as (method, path regex) → handler, answering 404 for a path no route
// knows and 405 (with Allow) for a known path asked with another method. Immutable after set-up;
// Dispatch is thread-safe.
#pragma once

#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "server/http_message.h"

namespace jianmei::server {

class Router {
 public:
  // match[1..] are the pattern's capture groups (e.g. a procedure id).
  using Handler = std::function<void(const Request&, Response&, const std::smatch&)>;

  void Add(std::string method, const std::string& pattern, Handler handler);
  void Dispatch(const Request& req, Response& res) const;

 private:
  struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace jianmei::server
