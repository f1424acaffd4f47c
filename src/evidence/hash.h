// SHA-256 and the RFC 6962/9162 Merkle hashing primitives (leaf = SHA-256(0x00 || d),
// node = SHA-256(0x01 || l || r)). Pure functions over value types; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace jianmei::evidence {

inline constexpr size_t kHashSize = 32;
using Hash = std::array<uint8_t, kHashSize>;

// SHA-256 of raw bytes (OpenSSL EVP).
Hash Sha256(std::string_view data);
// Leaf hash of an entry's canonical bytes: SHA-256(0x00 || data).
Hash HashLeaf(std::string_view data);
// Interior node hash: SHA-256(0x01 || left || right).
Hash HashChildren(const Hash& left, const Hash& right);
// Root of the empty tree: SHA-256 of the empty string.
Hash EmptyRoot();

// Largest power of two strictly below n (n >= 2).
uint64_t SplitPoint(uint64_t n);

std::string ToHex(const Hash& h);
Result<Hash> HashFromHex(std::string_view hex);
std::string Base64Encode(std::string_view bytes);
// Strict standard base64 (with padding); rejects any other character.
Result<std::string> Base64Decode(std::string_view text);
std::string HashToBase64(const Hash& h);
// Decodes base64 that must yield exactly 32 bytes; `what` names the field in errors.
Result<Hash> HashFromBase64(std::string_view text, std::string_view what);
inline std::string_view AsBytes(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

}  // namespace jianmei::evidence
