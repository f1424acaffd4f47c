// ServerConfig: what `jianmei serve` reads from its TOML config file ([server] table, see
// doc/api.md) and command line. Plain value.
#pragma once

#include <cstddef>
#include <string>

#include "core/status.h"
#include "image/ocr_engine.h"

namespace jianmei::server {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port
  // Bearer token for write and admin endpoints ("store": true). Empty = those are refused.
  std::string token;
  size_t max_body_bytes = 4 << 20;  // larger bodies get 413
  size_t max_batch = 1000;
  size_t max_text_bytes = 64 << 10;
  double rate_per_second = 50;  // per client address; 0 disables the limit
  double rate_burst = 200;      // 0 also disables the limit
  int threads = 16;             // worker threads that run handlers (screening)
  std::string web_dir;          // static UI; empty = no UI
  // Images in posts (base64 in `images`): limits (image/image_limits.h for the defaults) and OCR.
  // An image's base64 counts in max_body_bytes too.
  image::OcrOptions ocr;

  // The connection model (server/http_server.h); doc/api.md says why each default.
  int io_threads = 1;                        // threads doing every socket read and write
  size_t max_connections = 4096;             // open at once; more get 503 and are closed
  size_t max_connections_per_address = 256;  // open at once from one client address
  size_t max_header_bytes = 16 << 10;        // request line + header fields; more is 431
  size_t max_uri_bytes = 8 << 10;            // request target; longer is 414
  int header_timeout_ms = 10000;             // first byte → end of header; then 408
  int request_timeout_ms = 30000;            // first byte → end of body; then 408
  int keep_alive_timeout_ms = 5000;          // idle between requests; then closed
  int write_timeout_ms = 30000;              // to send one answer; then closed
  int drain_timeout_ms = 10000;              // on SIGTERM, for requests in flight
  int close_linger_ms = 1000;                // reading what a refused client still sends
};

// Reads the [server] table of a TOML file over the defaults in *config. Unknown keys, wrong
// types and out-of-range values are errors naming the file, key and why. `token_file` names a
// file whose first line is the token (so the token need not sit in the config).
Status LoadServerConfig(const std::string& path, ServerConfig* config);

// Whether `host` (as given to listen on) reaches this machine only: 127.0.0.0/8 (also as
// ::ffff:127.x.y.z), ::1 or localhost. Anything else may be reachable from elsewhere, which
// `serve` warns about.
bool IsLoopbackHost(const std::string& host);

}  // namespace jianmei::server
