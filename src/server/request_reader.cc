#include "server/request_reader.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <cctype>

#include "core/utf8.h"
#include "server/request_target.h"

namespace jianmei::server {
namespace http = boost::beast::http;

struct RequestReader::Parser {
  http::request_parser<http::string_body> p;
};

namespace {

std::string Quote(std::string_view s) { return std::string(utf8::Prefix(s, 40)); }

// The values of every `name:` field in a raw header (for messages about fields Beast refused).
std::vector<std::string_view> RawFieldValues(std::string_view raw, std::string_view name) {
  std::vector<std::string_view> values;
  size_t at = raw.find('\n');
  while (at != std::string_view::npos && at + 1 < raw.size()) {
    const size_t begin = at + 1;
    const size_t end = raw.find('\n', begin);
    std::string_view line = raw.substr(begin, end == std::string_view::npos ? end : end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos && boost::beast::iequals(line.substr(0, colon), name)) {
      std::string_view v = line.substr(colon + 1);
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
      values.push_back(v);
    }
    at = end;
  }
  return values;
}

std::string ContentLengthMessage(std::string_view raw) {
  const auto values = RawFieldValues(raw, "Content-Length");
  for (std::string_view v : values) {
    if (v.empty() || v.find_first_not_of("0123456789") != std::string_view::npos) {
      return "Content-Length: " + Quote(v) + " is not a byte count (digits only)";
    }
  }
  if (values.size() > 1) return "Content-Length: given twice with different values";
  if (!RawFieldValues(raw, "Transfer-Encoding").empty()) {
    return "Content-Length and Transfer-Encoding: a request may have one or the other, not both";
  }
  return "Content-Length: not a byte count";
}

}  // namespace

ProtocolError DescribeParseError(int beast_error, std::string_view raw, const HttpLimits& limits) {
  const auto lim = [](size_t n) { return std::to_string(n) + " bytes"; };
  switch (static_cast<http::error>(beast_error)) {
    case http::error::header_limit:
      if (raw.find('\n') == std::string_view::npos) {
        return {414, "the request line is longer than the limit for the target of " +
                         lim(limits.max_uri_bytes)};
      }
      return {431, "the request header is longer than the limit of " + lim(limits.max_header_bytes)};
    case http::error::body_limit:
      return {413, "request body is larger than the limit of " + lim(limits.max_body_bytes)};
    case http::error::bad_line_ending:
      return {400, "bad line ending: every line of the request header must end in CRLF"};
    case http::error::bad_method:
      return {400, "bad request line: the method is not a token (or the line is not \"METHOD "
                   "target HTTP/1.1\")"};
    case http::error::bad_target:
      return {400, "bad request line: the request target has a character not allowed there"};
    case http::error::bad_version: {
      // Beast reads HTTP/2.0 as a version, then refuses every one but 1.0 and 1.1.
      const std::string_view line = raw.substr(0, raw.find('\r'));
      const size_t at = line.rfind(" HTTP/");
      const std::string_view v = at == std::string_view::npos ? std::string_view() : line.substr(at + 1);
      if (v.size() == 8 && isdigit(static_cast<unsigned char>(v[5])) && v[6] == '.' &&
          isdigit(static_cast<unsigned char>(v[7]))) {
        return {505, std::string(v) + " is not supported: send HTTP/1.1 (or 1.0)" +
                         (v[5] == '2' ? " (this server does not speak HTTP/2)" : "")};
      }
      return {400, "bad request line: the version is not of the form HTTP/1.1"};
    }
    case http::error::bad_field:
      return {400, "bad header field: a field name has a character not allowed there"};
    case http::error::bad_value:
      return {400, "bad header field: a field value has a character not allowed there"};
    case http::error::bad_obs_fold:
      return {400, "bad header field: obsolete line folding is not accepted"};
    case http::error::bad_content_length:
      return {400, ContentLengthMessage(raw)};
    case http::error::bad_transfer_encoding: {
      const auto te = RawFieldValues(raw, "Transfer-Encoding");
      return {400, "Transfer-Encoding: " + Quote(te.empty() ? "" : te.front()) +
                       ": only chunked (last, once) is accepted"};
    }
    case http::error::bad_chunk:
      return {400, "bad chunk size: a chunk of a chunked body must start with its size in hex "
                   "digits and CRLF"};
    case http::error::bad_chunk_extension:
      return {400, "bad chunk extension in a chunked body"};
    case http::error::partial_message:
      return {400, "the client closed its side before the request was complete"};
    default:
      return {400, "malformed request: " + http::make_error_code(static_cast<http::error>(beast_error)).message()};
  }
}

RequestReader::RequestReader(const HttpLimits& limits) : limits_(limits), parser_(std::make_unique<Parser>()) {
  parser_->p.header_limit(static_cast<std::uint32_t>(std::min<size_t>(limits.max_header_bytes, UINT32_MAX)));
  // Checked against Content-Length with the header, and against each chunk's size as it comes:
  // no transfer coding gets past it.
  parser_->p.body_limit(limits.max_body_bytes);
}

RequestReader::~RequestReader() = default;

RequestReader::Step RequestReader::Fail(int status, std::string message) {
  error_ = {status, std::move(message)};
  return Step::kError;
}

bool RequestReader::ScanHeader(std::string_view fresh) {
  size_t i = 0;
  for (; i < fresh.size() && !head_end_seen_; ++i) {
    const char c = fresh[i];
    started_ = true;
    head_bytes_.push_back(c);
    if (c == '\n') {
      // Beast looks for CRLF CRLF and would wait for it until the header deadline.
      if (prev_ != '\r') {
        Fail(400, "bad line ending: a line of the request header ends in a bare LF; every line "
                  "must end in CRLF");
        return false;
      }
      if (line_empty_ && request_line_done_) head_end_seen_ = true;
      if (!line_empty_) request_line_done_ = true;
      line_empty_ = true;
    } else if (c != '\r') {
      line_empty_ = false;
    }
    prev_ = c;
    // Said at once rather than when the header limit is reached or the deadline passes.
    if (!request_line_done_ && head_bytes_.size() > limits_.max_uri_bytes + 64) {
      Fail(414, "the request line is longer than the limit for the target of " +
                    std::to_string(limits_.max_uri_bytes) + " bytes");
      return false;
    }
    if (head_bytes_.size() > limits_.max_header_bytes + 4) {
      Fail(431, "the request header is longer than the limit of " +
                    std::to_string(limits_.max_header_bytes) + " bytes");
      return false;
    }
  }
  scanned_ += i;
  return true;
}

size_t RequestReader::Feed(std::string_view bytes, Step* step) {
  auto& p = parser_->p;
  if (header_reported_ && !body_allowed_) {
    *step = Step::kHeader;
    return 0;
  }
  if (p.is_done()) {
    *step = Step::kDone;
    return 0;
  }
  if (!head_end_seen_ && scanned_ < bytes.size() && !ScanHeader(bytes.substr(scanned_))) {
    *step = Step::kError;
    return 0;
  }
  if (bytes.empty()) {
    *step = Step::kNeedMore;
    return 0;
  }
  boost::system::error_code ec;
  const size_t used = p.put(boost::asio::const_buffer(bytes.data(), bytes.size()), ec);
  scanned_ -= std::min(scanned_, used);
  if (ec == http::error::need_more) {
    *step = Step::kNeedMore;
    return used;
  }
  if (ec == http::error::body_limit && body_allowed_) {
    // Admission may have set a lower limit for this request, with its own reason.
    error_ = {413, body_limit_.too_large.empty()
                       ? "request body is larger than the limit of " + std::to_string(body_limit_.bytes) + " bytes"
                       : body_limit_.too_large};
    *step = Step::kError;
    return used;
  }
  if (ec) {
    error_ = DescribeParseError(ec.value(), head_bytes_, limits_);
    *step = Step::kError;
    return used;
  }
  if (p.is_header_done() && !header_reported_) {
    header_reported_ = true;
    *step = CheckHeader();
    return used;
  }
  *step = p.is_done() ? Step::kDone : Step::kNeedMore;
  return used;
}

RequestReader::Step RequestReader::FeedEof() {
  if (!started_) return Step::kDone;
  return Fail(400, "the client closed its side before the request was complete");
}

RequestReader::Step RequestReader::CheckHeader() {
  const auto& m = parser_->p.get();
  if (m.version() / 10 != 1) {
    const std::string v = std::to_string(m.version() / 10) + "." + std::to_string(m.version() % 10);
    return Fail(505, "HTTP/" + v + " is not supported: send HTTP/1.1 (or 1.0)" +
                         (m.version() == 20 && m.method_string() == "PRI"
                              ? std::string(" (this server does not speak HTTP/2)")
                              : std::string()));
  }
  // Beast takes a coding list not ending in chunked as a body of unknown length; RFC 9112 §6.3
  // makes that a 400 for a request.
  if (m.find(http::field::transfer_encoding) != m.end() && !parser_->p.chunked()) {
    return Fail(400, "Transfer-Encoding: " + Quote(m[http::field::transfer_encoding]) +
                         ": only chunked (last, once) is accepted");
  }
  const std::string_view target(m.target().data(), m.target().size());
  if (target.size() > limits_.max_uri_bytes) {
    return Fail(414, "the request target is " + std::to_string(target.size()) +
                         " bytes, longer than the limit of " + std::to_string(limits_.max_uri_bytes));
  }
  auto parsed = ParseRequestTarget(target);
  if (!parsed.ok()) return Fail(400, parsed.status().message());
  head_.method = std::string(m.method_string());
  head_.target = std::string(target);
  head_.path = std::move(parsed->path);
  head_.params = std::move(parsed->params);
  for (const auto& f : m) head_.headers.Add(std::string(f.name_string()), std::string(f.value()));
  if (const auto length = parser_->p.content_length()) head_.content_length = *length;
  return Step::kHeader;
}

void RequestReader::ContinueWithBody(BodyLimit limit) {
  body_allowed_ = true;
  limit.bytes = std::min(limit.bytes, limits_.max_body_bytes);
  body_limit_ = std::move(limit);
  auto& p = parser_->p;
  if (p.is_done()) return;
  p.body_limit(body_limit_.bytes);
  // Reads the whole body in one Feed when it is there, rather than one piece per call.
  p.eager(true);
}

Request RequestReader::Take() {
  head_.body = std::move(parser_->p.get().body());
  return std::move(head_);
}

bool RequestReader::keep_alive() const { return parser_->p.get().keep_alive(); }

bool RequestReader::expects_continue() const {
  const auto& m = parser_->p.get();
  auto it = m.find(http::field::expect);
  return it != m.end() && boost::beast::iequals(it->value(), "100-continue");
}

}  // namespace jianmei::server
