// HttpServer: HTTP/1.1 over TCP on Boost.Beast/Asio. A few I/O threads (one by default) do every
// read and write asynchronously, so a slow or idle client costs a socket and a small buffer, never
// a thread; handlers run on a separate bounded WorkerPool. Deadlines end slow requests (header,
// whole request) and idle keep-alives; connections are capped in total and per client address;
// pipelined requests are answered in order; protocol errors are answered at once with the API's
// JSON error and the connection closed. Bind() then Run() (blocking, on any thread); Stop()
// from any thread stops accepting, lets requests in flight finish within the drain deadline,
// and closes the rest. Owns its sockets and threads; thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "server/http_message.h"
#include "server/request_reader.h"

namespace jianmei::server {

struct HttpServerOptions {
  HttpLimits limits;
  int io_threads = 1;
  int worker_threads = 16;
  size_t max_connections = 4096;
  size_t max_connections_per_address = 256;
  std::chrono::milliseconds header_timeout{10000};      // first byte → end of header
  std::chrono::milliseconds request_timeout{30000};     // first byte → end of body
  std::chrono::milliseconds keep_alive_timeout{5000};   // idle between requests
  std::chrono::milliseconds write_timeout{30000};       // to send one answer
  std::chrono::milliseconds drain_timeout{10000};       // after Stop(), for requests in flight
  std::chrono::milliseconds close_linger{1000};         // reading what a refused client still sends
  Headers default_headers;                              // added to every answer
};

struct HttpHandlers {
  // On an I/O thread once a request's header is complete and valid, before its body is read;
  // must not block. Returns false with `res` filled to refuse the request (the connection
  // closes after the answer). May lower body_limit->bytes for this request, saying why in
  // body_limit->too_large.
  std::function<bool(const Request& head, BodyLimit* body_limit, Response& res)> admit;
  // On a worker thread with the whole request.
  std::function<void(const Request& req, Response& res)> handle;
  // On an I/O thread when the connection layer answers by itself (a request's bytes break the
  // protocol, pass a limit or miss a deadline; the connection limits; stopping): for counting.
  std::function<void(int status)> refused;
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, HttpHandlers handlers);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Listens on host:port (0 = a free port); returns the port.
  Result<int> Bind(const std::string& host, int port);
  // Serves until Stop() and the drain are over.
  void Run();
  void Stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace jianmei::server
