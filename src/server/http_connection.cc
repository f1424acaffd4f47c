#include "server/http_connection.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <sys/socket.h>

#include <exception>
#include <sstream>
#include <string_view>

#include "server/http_json.h"

namespace jianmei::server {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr size_t kReadChunk = 16 << 10;
// What may sit unparsed in the buffer: a header (checked by RequestReader against its own
// limit) or, in a chunked body, a chunk-size line that has not ended yet.
constexpr size_t kMaxChunkLine = 4 << 10;

std::string Ms(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }

}  // namespace

HttpConnection::HttpConnection(net::ip::tcp::socket socket, std::string remote_addr,
                               ConnectionContext& context)
    : stream_(std::move(socket)),
      remote_addr_(std::move(remote_addr)),
      context_(context),
      read_timer_(stream_.get_executor()) {}

HttpConnection::~HttpConnection() {
  if (registered_) context_.table.Remove(this);
}

void HttpConnection::Start() {
  registered_ = true;
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->reader_.emplace(self->context_.options.limits);
    self->Process();
  });
}

void HttpConnection::Refuse(std::string message) {
  net::dispatch(stream_.get_executor(), [self = shared_from_this(), message = std::move(message)] {
    self->AnswerError(503, message);
  });
}

void HttpConnection::Shutdown() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    // A request not yet whole is not in flight: it is closed with the idle ones.
    if (self->phase_ == Phase::kReading) self->Close();
  });
}

void HttpConnection::ForceClose() {
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->Close(); });
}

void HttpConnection::Read() {
  if (stopping_) return Close();
  const HttpServerOptions& o = context_.options;
  if (!reader_->started()) read_timer_.expires_after(o.keep_alive_timeout);
  else if (!header_done_) read_timer_.expires_at(request_start_ + o.header_timeout);
  else read_timer_.expires_at(request_start_ + o.request_timeout);
  read_timed_out_ = false;
  const uint64_t generation = ++read_generation_;
  read_timer_.async_wait([self = shared_from_this(), generation](beast::error_code ec) {
    // An expiry queued just as its read completed must not cancel the next read.
    if (ec || generation != self->read_generation_) return;
    self->read_timed_out_ = true;
    beast::error_code ignored;
    self->stream_.socket().cancel(ignored);
  });
  stream_.expires_never();
  stream_.async_read_some(buffer_.prepare(kReadChunk),
                          [self = shared_from_this()](beast::error_code ec, size_t n) {
                            self->OnRead(ec, n);
                          });
}

void HttpConnection::OnRead(beast::error_code ec, size_t bytes) {
  if (phase_ == Phase::kClosing) return;
  ++read_generation_;
  read_timer_.cancel();
  if (read_timed_out_ && ec == net::error::operation_aborted) {
    // An idle keep-alive ends quietly; a request that stalled is told which deadline it missed.
    if (!reader_->started()) return Close();
    const HttpServerOptions& o = context_.options;
    return AnswerError(408, header_done_ ? "the request body did not arrive within " +
                                               Ms(o.request_timeout) + " of its first byte"
                                         : "the request header did not arrive within " +
                                               Ms(o.header_timeout) + " of its first byte");
  }
  if (ec == net::error::eof) {
    if (reader_->FeedEof() == RequestReader::Step::kDone) return Close();
    return AnswerError(reader_->error().status, reader_->error().message);
  }
  if (ec) return Close();
  buffer_.commit(bytes);
  Process();
}

void HttpConnection::Process() {
  for (;;) {
    const auto data = buffer_.data();
    RequestReader::Step step;
    const size_t used =
        reader_->Feed(std::string_view(static_cast<const char*>(data.data()), data.size()), &step);
    buffer_.consume(used);
    if (reader_->started() && request_start_ == Clock::time_point{}) request_start_ = Clock::now();
    switch (step) {
      case RequestReader::Step::kNeedMore:
        if (header_done_ && buffer_.size() > kMaxChunkLine) {
          return AnswerError(400, "bad chunk size: a chunk-size line of a chunked body is longer "
                                  "than " + std::to_string(kMaxChunkLine) + " bytes");
        }
        return Read();
      case RequestReader::Step::kError:
        return AnswerError(reader_->error().status, reader_->error().message);
      case RequestReader::Step::kHeader: {
        header_done_ = true;
        Request& head = reader_->Head();
        head.remote_addr = remote_addr_;
        head_only_ = head.method == "HEAD";
        BodyLimit limit{context_.options.limits.max_body_bytes, {}};
        Response refusal;
        if (context_.handlers.admit && !context_.handlers.admit(head, &limit, refusal)) {
          refusal.close = true;
          return Answer(std::move(refusal), head_only_);
        }
        reader_->ContinueWithBody(std::move(limit));
        if (reader_->expects_continue()) {
          // The client waits for this before sending its body (curl does for bodies over 1 KB).
          static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
          stream_.expires_after(context_.options.write_timeout);
          net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                           [self = shared_from_this()](beast::error_code ec, size_t) {
                             if (ec) return self->Close();
                             self->Process();
                           });
          return;
        }
        continue;
      }
      case RequestReader::Step::kDone:
        return Dispatch();
    }
  }
}

void HttpConnection::Dispatch() {
  phase_ = Phase::kHandling;
  keep_alive_ = reader_->keep_alive();
  // Nothing is read while the request is handled, so no deadline runs; the worker has it.
  stream_.expires_never();
  auto request = std::make_shared<Request>(reader_->Take());
  request->remote_addr = remote_addr_;
  auto self = shared_from_this();
  const bool queued = context_.workers.Submit([self, request] {
    Response res;
    try {
      self->context_.handlers.handle(*request, res);
    } catch (const std::exception&) {
      res = Response();
      SendError(res, 500, "internal", "internal error");
    }
    const bool keep_alive = self->keep_alive_ && !res.close && !self->stopping_;
    auto wire = self->Serialize(std::move(res), self->head_only_, keep_alive);
    const size_t sent = self->SendNow(*wire);
    net::post(self->stream_.get_executor(), [self, wire, sent, keep_alive] {
      self->FinishAnswer(wire, sent, keep_alive);
    });
  });
  if (!queued) AnswerError(503, "the server is stopping");
}

void HttpConnection::Answer(Response res, bool head_only) {
  if (phase_ == Phase::kClosing) return;
  const bool keep_alive = keep_alive_ && !res.close && !stopping_;
  FinishAnswer(Serialize(std::move(res), head_only, keep_alive), 0, keep_alive);
}

std::shared_ptr<std::string> HttpConnection::Serialize(Response res, bool head_only, bool keep_alive) const {
  http::response<http::string_body> msg;
  msg.version(11);
  msg.result(static_cast<unsigned>(res.status));
  for (const auto& field : context_.options.default_headers.fields()) msg.set(field.first, field.second);
  for (const auto& field : res.headers.fields()) msg.set(field.first, field.second);
  msg.keep_alive(keep_alive);
  if (head_only) {
    msg.content_length(res.body.size());  // what a GET would have sent; no body (RFC 9110 §9.3.2)
  } else {
    msg.body() = std::move(res.body);
    msg.prepare_payload();
  }
  std::ostringstream out;
  out << msg;
  return std::make_shared<std::string>(std::move(out).str());
}

size_t HttpConnection::SendNow(const std::string& wire) {
  std::lock_guard lock(socket_mu_);
  if (socket_closed_) return 0;
  const ssize_t n = ::send(stream_.socket().native_handle(), wire.data(), wire.size(),
                           MSG_DONTWAIT | MSG_NOSIGNAL);
  return n > 0 ? static_cast<size_t>(n) : 0;
}

void HttpConnection::FinishAnswer(std::shared_ptr<std::string> wire, size_t sent, bool keep_alive) {
  if (phase_ == Phase::kClosing) return;
  phase_ = Phase::kWriting;
  if (sent == wire->size()) return OnWritten({}, keep_alive);
  stream_.expires_after(context_.options.write_timeout);
  net::async_write(stream_, net::buffer(wire->data() + sent, wire->size() - sent),
                   [self = shared_from_this(), wire, keep_alive](beast::error_code ec, size_t) {
                     self->OnWritten(ec, keep_alive);
                   });
}

void HttpConnection::AnswerError(int status, const std::string& message) {
  if (context_.handlers.refused) context_.handlers.refused(status);
  Response res;
  SendError(res, status, ErrorCodeFor(status), message);
  res.close = true;
  Answer(std::move(res), false);
}

void HttpConnection::OnWritten(beast::error_code ec, bool keep_alive) {
  if (ec) return Close();
  if (!keep_alive) return LingerAndClose();
  NextRequest();
}

void HttpConnection::NextRequest() {
  phase_ = Phase::kReading;
  reader_.emplace(context_.options.limits);
  request_start_ = {};
  header_done_ = false;
  head_only_ = false;
  // A pipelined request may already be in the buffer.
  Process();
}

void HttpConnection::LingerAndClose() {
  phase_ = Phase::kClosing;
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  if (ec) return Close();
  stream_.expires_after(context_.options.close_linger);
  buffer_.consume(buffer_.size());
  Drain();
}

void HttpConnection::Drain() {
  stream_.async_read_some(buffer_.prepare(kReadChunk),
                          [self = shared_from_this()](beast::error_code ec, size_t) {
                            if (ec) return self->Close();
                            self->Drain();
                          });
}

void HttpConnection::Close() {
  phase_ = Phase::kClosing;
  read_timer_.cancel();
  std::lock_guard lock(socket_mu_);
  socket_closed_ = true;
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  stream_.close();
}

}  // namespace jianmei::server
