// The request-target of an HTTP request (RFC 9112 §3.2) taken apart: its path and its query
// parameters, percent-decoded. Pure functions, thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace jianmei::server {

struct RequestTarget {
  std::string path;                                // decoded; "+" stays "+"
  std::multimap<std::string, std::string> params;  // decoded; "+" is a space (HTML forms)
};

// Origin form ("/path?query") or "*" (OPTIONS *). An error names what is wrong: another form, or
// a "%" not followed by two hex digits. Decoded bytes are not checked for UTF-8 here: each
// endpoint says which parameters must be text.
Result<RequestTarget> ParseRequestTarget(std::string_view target);

// Percent-decodes `in`; with `plus_is_space`, "+" becomes " ". False on a bad escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out);

}  // namespace jianmei::server
