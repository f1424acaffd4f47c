// Request and Response: the HTTP messages as the API's handlers see them, independent of the
// library that reads and writes the wire (server/http_connection.h). Plain values; a Request is
// read by one handler at a time, a Response written by one.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jianmei::server {

// Header fields in arrival order; names compare case-insensitively (RFC 9110 §5.1).
class Headers {
 public:
  void Add(std::string name, std::string value);
  // Replaces every field of that name.
  void Set(std::string name, std::string value);
  void Erase(std::string_view name);
  // The first value of `name`, or "" when absent.
  std::string Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  size_t Count(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

struct Request {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // the request-target as sent (path and query, still percent-encoded)
  std::string path;    // the target's path, percent-decoded
  std::multimap<std::string, std::string> params;  // the query, percent-decoded
  Headers headers;
  std::string body;
  std::string remote_addr;  // the client's address, e.g. "127.0.0.1"
  std::optional<uint64_t> content_length;  // the checked Content-Length; none for chunked bodies

  std::string Header(std::string_view name) const { return headers.Get(name); }
  bool HasHeader(std::string_view name) const { return headers.Has(name); }
  bool HasParam(const std::string& name) const { return params.count(name) > 0; }
  // The first value of query parameter `name`, or "".
  std::string Param(const std::string& name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // End the connection after this answer (a refusal that leaves the body unread).
  bool close = false;

  void SetHeader(std::string name, std::string value) { headers.Set(std::move(name), std::move(value)); }
  std::string Header(std::string_view name) const { return headers.Get(name); }
  void SetContent(std::string content, std::string content_type);
};

}  // namespace jianmei::server
