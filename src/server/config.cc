#include "server/config.h"

#include <arpa/inet.h>
#include <strings.h>
#include <toml++/toml.h>

#include <fstream>

namespace jianmei::server {
namespace {

Status Bad(const std::string& path, const std::string& key, const std::string& why) {
  return Status::InvalidArgument(path + ": [server] " + key + ": " + why);
}

template <typename T>
Status ReadInt(const std::string& path, const std::string& key, const toml::node& node, T min,
               T max, T* out) {
  auto v = node.value<int64_t>();
  if (!node.is_integer() || !v) return Bad(path, key, "must be an integer");
  if (*v < static_cast<int64_t>(min) || *v > static_cast<int64_t>(max)) {
    return Bad(path, key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  *out = static_cast<T>(*v);
  return Status::Ok();
}

Status ReadNumber(const std::string& path, const std::string& key, const toml::node& node,
                  double* out) {
  auto v = node.value<double>();
  if (!(node.is_integer() || node.is_floating_point()) || !v || *v < 0 || *v > 1e9) {
    return Bad(path, key, "must be a number between 0 and 1e9");
  }
  *out = *v;
  return Status::Ok();
}

Status ReadString(const std::string& path, const std::string& key, const toml::node& node,
                  std::string* out) {
  if (!node.is_string()) return Bad(path, key, "must be a string");
  *out = *node.value<std::string>();
  return Status::Ok();
}

Status ReadTokenFile(const std::string& path, const std::string& file, std::string* token) {
  std::ifstream in(file);
  if (!in || !std::getline(in, *token) || token->empty()) {
    return Bad(path, "token_file", "cannot read a token from the first line of " + file);
  }
  return Status::Ok();
}

}  // namespace

Status LoadServerConfig(const std::string& path, ServerConfig* c) {
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(path + ":" + std::to_string(e.source().begin.line) + ": " +
                                   std::string(e.description()));
  }
  for (const auto& [key, node] : doc) {
    if (key.str() != "server") {
      return Status::InvalidArgument(path + ": unknown table or key \"" + std::string(key.str()) + "\"");
    }
  }
  const toml::table* server = doc["server"].as_table();
  if (!server) return Status::InvalidArgument(path + ": no [server] table");
  for (const auto& [k, node] : *server) {
    const std::string key(k.str());
    Status s;
    if (key == "host") s = ReadString(path, key, node, &c->host);
    else if (key == "port") s = ReadInt(path, key, node, 0, 65535, &c->port);
    else if (key == "token") s = ReadString(path, key, node, &c->token);
    else if (key == "token_file") {
      std::string file;
      s = ReadString(path, key, node, &file);
      if (s.ok()) s = ReadTokenFile(path, file, &c->token);
    } else if (key == "max_body_bytes") s = ReadInt<size_t>(path, key, node, 1, size_t{1} << 30, &c->max_body_bytes);
    else if (key == "max_batch") s = ReadInt<size_t>(path, key, node, 1, 100000, &c->max_batch);
    else if (key == "max_text_bytes") s = ReadInt<size_t>(path, key, node, 1, size_t{1} << 26, &c->max_text_bytes);
    else if (key == "rate_per_second") s = ReadNumber(path, key, node, &c->rate_per_second);
    else if (key == "rate_burst") s = ReadNumber(path, key, node, &c->rate_burst);
    else if (key == "threads") s = ReadInt(path, key, node, 1, 1024, &c->threads);
    else if (key == "max_image_bytes") s = ReadInt<size_t>(path, key, node, 1, size_t{1} << 30, &c->ocr.limits.max_bytes);
    else if (key == "max_image_pixels") s = ReadInt<uint64_t>(path, key, node, 1, uint64_t{1} << 32, &c->ocr.limits.max_pixels);
    else if (key == "max_image_side") s = ReadInt(path, key, node, 1, 100000, &c->ocr.limits.max_side);
    else if (key == "max_images") s = ReadInt<size_t>(path, key, node, 0, 1000, &c->ocr.limits.max_count);
    else if (key == "max_image_ms") s = ReadInt(path, key, node, 1, 3600000, &c->ocr.max_milliseconds);
    else if (key == "web_dir") s = ReadString(path, key, node, &c->web_dir);
    else if (key == "io_threads") s = ReadInt(path, key, node, 1, 64, &c->io_threads);
    else if (key == "max_connections") s = ReadInt<size_t>(path, key, node, 1, 1000000, &c->max_connections);
    else if (key == "max_connections_per_address") {
      s = ReadInt<size_t>(path, key, node, 1, 1000000, &c->max_connections_per_address);
    } else if (key == "max_header_bytes") s = ReadInt<size_t>(path, key, node, 1024, 1 << 20, &c->max_header_bytes);
    else if (key == "max_uri_bytes") s = ReadInt<size_t>(path, key, node, 256, 1 << 20, &c->max_uri_bytes);
    else if (key == "header_timeout_ms") s = ReadInt(path, key, node, 100, 600000, &c->header_timeout_ms);
    else if (key == "request_timeout_ms") s = ReadInt(path, key, node, 100, 3600000, &c->request_timeout_ms);
    else if (key == "keep_alive_timeout_ms") s = ReadInt(path, key, node, 100, 3600000, &c->keep_alive_timeout_ms);
    else if (key == "write_timeout_ms") s = ReadInt(path, key, node, 100, 3600000, &c->write_timeout_ms);
    else if (key == "drain_timeout_ms") s = ReadInt(path, key, node, 0, 600000, &c->drain_timeout_ms);
    else if (key == "close_linger_ms") s = ReadInt(path, key, node, 0, 10000, &c->close_linger_ms);
    else s = Bad(path, key, "unknown key");
    if (!s.ok()) return s;
  }
  // A bucket that holds less than one token would never let a request through.
  if (c->rate_burst > 0 && c->rate_burst < 1) {
    return Bad(path, "rate_burst", "must be 0 (no limit) or at least 1");
  }
  // The whole-request deadline includes the header's: a shorter one would make the header's moot.
  if (c->request_timeout_ms < c->header_timeout_ms) {
    return Bad(path, "request_timeout_ms", "must be at least header_timeout_ms");
  }
  if (c->max_uri_bytes > c->max_header_bytes) {
    return Bad(path, "max_uri_bytes", "must be at most max_header_bytes (the request line is part of the header)");
  }
  if (!c->token.empty() && c->token.size() < 16) {
    return Bad(path, "token", "must be at least 16 characters");
  }
  return Status::Ok();
}

bool IsLoopbackHost(const std::string& host) {
  if (strcasecmp(host.c_str(), "localhost") == 0) return true;
  in_addr v4;
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6;
  if (inet_pton(AF_INET6, host.c_str(), &v6) != 1) return false;
  return IN6_IS_ADDR_LOOPBACK(&v6) || (IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127);
}

}  // namespace jianmei::server
