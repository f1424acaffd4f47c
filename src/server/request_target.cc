#include "server/request_target.h"

namespace jianmei::server {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      const int hi = i + 1 < in.size() ? HexValue(in[i + 1]) : -1;
      const int lo = i + 2 < in.size() ? HexValue(in[i + 2]) : -1;
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out->push_back(plus_is_space && c == '+' ? ' ' : c);
    }
  }
  return true;
}

Result<RequestTarget> ParseRequestTarget(std::string_view target) {
  RequestTarget t;
  if (target == "*") {
    t.path = "*";
    return t;
  }
  if (target.empty() || target.front() != '/') {
    return Status::InvalidArgument("the request target must be a path starting with \"/\"");
  }
  const size_t question = target.find('?');
  if (!PercentDecode(target.substr(0, question), false, &t.path)) {
    return Status::InvalidArgument("the path has a \"%\" that is not followed by two hex digits");
  }
  if (question == std::string_view::npos) return t;
  std::string_view query = target.substr(question + 1);
  // A fragment is never sent (RFC 9112 §3.2), but some clients do; it is not part of the query.
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string key, value;
    if (!PercentDecode(pair.substr(0, eq), true, &key) ||
        (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), true, &value))) {
      return Status::InvalidArgument(
          "the query has a \"%\" that is not followed by two hex digits");
    }
    t.params.emplace(std::move(key), std::move(value));
  }
  return t;
}

}  // namespace jianmei::server
