// UTF-8 decoding and validation helpers. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace jianmei::utf8 {

inline constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point starting at text[pos]. Sets *len to its byte length (1 for an invalid
// byte) and returns kInvalid for malformed, overlong, surrogate or out-of-range sequences.
char32_t Decode(std::string_view text, size_t pos, size_t* len);

// Returns the byte offset of the first malformed sequence, or npos if text is valid UTF-8.
size_t FindInvalid(std::string_view text);

// Appends the UTF-8 encoding of cp (which must be a valid scalar value).
void Append(char32_t cp, std::string* out);

// Length of the longest prefix of text that is at most max_bytes long and ends on a
// code point boundary.
size_t TruncateAtBoundary(std::string_view text, size_t max_bytes);
// That prefix: for quoting a piece of the input in a message, which must stay valid UTF-8.
inline std::string_view Prefix(std::string_view text, size_t max_bytes) {
  return text.substr(0, TruncateAtBoundary(text, max_bytes));
}

}  // namespace jianmei::utf8
