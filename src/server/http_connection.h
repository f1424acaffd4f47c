// HttpConnection: one client's TCP connection, read and written asynchronously on its own strand
// (server/http_server.h). Reads requests one after another from the same buffer (so pipelined
// requests are answered in order), hands each whole request to the worker pool and reads no
// further until its answer is written. Owned by its pending operations through shared_ptr; its
// public calls are safe from any thread (they post to its strand).
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "server/connection_table.h"
#include "server/http_message.h"
#include "server/http_server.h"
#include "server/request_reader.h"
#include "server/worker_pool.h"

namespace jianmei::server {

// What every connection shares; owned by the server, outlives every connection.
struct ConnectionContext {
  const HttpServerOptions& options;
  const HttpHandlers& handlers;
  WorkerPool& workers;
  ConnectionTable& table;
};

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(boost::asio::ip::tcp::socket socket, std::string remote_addr, ConnectionContext& context);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // Starts reading requests. Call once, after the table admitted it.
  void Start();
  // Answers 503 saying why, then closes (the table did not admit it).
  void Refuse(std::string message);
  // Stopping: a connection between requests or mid-request closes now; one whose request is
  // being handled or answered closes after the answer.
  void Shutdown();
  // The drain deadline passed: close whatever state it is in.
  void ForceClose();

 private:
  using Clock = std::chrono::steady_clock;
  enum class Phase { kReading, kHandling, kWriting, kClosing };

  void Read();
  void Drain();
  void OnRead(boost::beast::error_code ec, size_t bytes);
  void Process();
  void Dispatch();
  void Answer(Response res, bool head_only);
  // The answer's bytes as they go on the wire (status line, fields, body).
  std::shared_ptr<std::string> Serialize(Response res, bool head_only, bool keep_alive) const;
  // On the worker that computed the answer: sends what the socket takes now without blocking,
  // sparing the answer a hop back to an I/O thread; returns how many bytes went.
  size_t SendNow(const std::string& wire);
  // On the strand: writes what SendNow left, then goes on with the connection.
  void FinishAnswer(std::shared_ptr<std::string> wire, size_t sent, bool keep_alive);
  void AnswerError(int status, const std::string& message);
  void OnWritten(boost::beast::error_code ec, bool keep_alive);
  void NextRequest();
  // Sends FIN and reads (discarding) what the client still sends for a while, so that an unread
  // body does not turn the close into a reset that destroys the answer in flight.
  void LingerAndClose();
  void Close();

  boost::beast::tcp_stream stream_;
  const std::string remote_addr_;
  ConnectionContext& context_;
  boost::beast::flat_buffer buffer_;
  // The read deadline. Not tcp_stream's own timeout: that closes the socket, and a request that
  // missed its deadline is still told so (408).
  boost::asio::steady_timer read_timer_;
  uint64_t read_generation_ = 0;  // which read the timer's expiry is for
  bool read_timed_out_ = false;
  std::optional<RequestReader> reader_;
  Phase phase_ = Phase::kReading;
  Clock::time_point request_start_{};
  // Read by the worker that answers (stopping_) or set before it runs (the others).
  std::atomic<bool> stopping_ = false;
  bool keep_alive_ = true, head_only_ = false, header_done_ = false;
  // Held by Close() and SendNow(): a worker never writes to a descriptor closed (and perhaps
  // reused) under it.
  std::mutex socket_mu_;
  bool socket_closed_ = false;
  bool registered_ = false;
};

}  // namespace jianmei::server
