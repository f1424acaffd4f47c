// RequestReader: reads one HTTP/1.x request from bytes as they arrive, with Boost.Beast's parser
// under the limits of HttpLimits, and says at the first byte that makes it one what is wrong
// with a bad request (a ProtocolError: the status to answer and a message naming the fault).
// It never touches a socket, so the connection (server/http_connection.h) and the fuzzer
// (fuzz/http_request_fuzzer.cc) read requests the same way. One request per reader; not
// thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "server/http_message.h"

namespace jianmei::server {

struct HttpLimits {
  size_t max_header_bytes = 16 << 10;  // request line and header fields; more is 431
  size_t max_uri_bytes = 8 << 10;      // the request target; longer is 414
  size_t max_body_bytes = 4 << 20;     // after any transfer coding is undone; more is 413
};

// The body one request may have, as admission decided it (HttpHandlers::admit).
struct BodyLimit {
  size_t bytes = 0;
  std::string too_large;  // the 413's message when the body passes `bytes`; empty: the usual one
};

struct ProtocolError {
  int status = 400;
  std::string message;
};

class RequestReader {
 public:
  enum class Step {
    kNeedMore,  // every byte given was used; feed more
    kHeader,    // the header is complete and valid: Head() holds it; ContinueWithBody() then Feed
    kDone,      // the request is complete: Take() it; unused bytes belong to the next request
    kError,     // error() says what to answer; the connection must then close
  };

  explicit RequestReader(const HttpLimits& limits);
  ~RequestReader();
  RequestReader(const RequestReader&) = delete;
  RequestReader& operator=(const RequestReader&) = delete;

  // Reads from `bytes`, which start where the last call's used bytes ended; returns how many it
  // used. Stops after the header (kHeader) so the caller can refuse a request before its body.
  size_t Feed(std::string_view bytes, Step* step);
  // The peer closed its side: kDone if nothing of a request had come, else kError.
  Step FeedEof();
  // After kHeader: go on to read the body, at most `limit.bytes` (≤ max_body_bytes).
  void ContinueWithBody(BodyLimit limit);

  // Whether any byte of this request has arrived.
  bool started() const { return started_; }
  // After kHeader: the request without its body (remote_addr empty, for the caller to fill).
  Request& Head() { return head_; }
  // After kDone: the whole request.
  Request Take();
  // Whether the client asked to keep the connection open (HTTP/1.1 default, or keep-alive).
  bool keep_alive() const;
  // Whether the client sent "Expect: 100-continue" and waits for a go-ahead before its body.
  bool expects_continue() const;
  const ProtocolError& error() const { return error_; }

 private:
  Step Fail(int status, std::string message);
  // Scans bytes not seen before for the header's end, bare LFs and an over-long request line.
  bool ScanHeader(std::string_view fresh);
  Step CheckHeader();

  struct Parser;
  const HttpLimits limits_;
  std::unique_ptr<Parser> parser_;
  std::string head_bytes_;  // the raw header as received, for messages that quote it
  size_t scanned_ = 0;      // bytes of the current input already scanned
  bool head_end_seen_ = false, line_empty_ = true, request_line_done_ = false;
  bool started_ = false, header_reported_ = false, body_allowed_ = false;
  char prev_ = '\n';
  Request head_;
  ProtocolError error_;
  BodyLimit body_limit_;
};

// The answer for a Beast parse error, given the raw header bytes received so far.
ProtocolError DescribeParseError(int beast_error, std::string_view raw_header, const HttpLimits& limits);

}  // namespace jianmei::server
