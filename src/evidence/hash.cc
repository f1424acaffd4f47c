#include "evidence/hash.h"

#include <openssl/evp.h>

#include <bit>
#include <cstring>

namespace jianmei::evidence {
namespace {

Hash Digest(std::string_view a, std::string_view b = {}, std::string_view c = {}) {
  Hash out{};
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned int len = 0;
  bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
            EVP_DigestUpdate(ctx, a.data(), a.size()) == 1 &&
            EVP_DigestUpdate(ctx, b.data(), b.size()) == 1 &&
            EVP_DigestUpdate(ctx, c.data(), c.size()) == 1 &&
            EVP_DigestFinal_ex(ctx, out.data(), &len) == 1;
  EVP_MD_CTX_free(ctx);
  // SHA-256 in libcrypto fails only on allocation failure; there is no sane way to continue.
  if (!ok || len != kHashSize) abort();
  return out;
}

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int B64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

Hash Sha256(std::string_view data) { return Digest(data); }

Hash HashLeaf(std::string_view data) { return Digest(std::string_view("\x00", 1), data); }

Hash HashChildren(const Hash& left, const Hash& right) {
  return Digest(std::string_view("\x01", 1), AsBytes(left), AsBytes(right));
}

Hash EmptyRoot() { return Digest({}); }

uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

std::string ToHex(const Hash& h) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * h.size());
  for (uint8_t b : h) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

Result<Hash> HashFromHex(std::string_view hex) {
  if (hex.size() != 2 * kHashSize) {
    return Status::InvalidArgument("hash must be 64 hex digits, got " +
                                   std::to_string(hex.size()) + " characters");
  }
  Hash h{};
  for (size_t i = 0; i < hex.size(); ++i) {
    char c = hex[i];
    int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    if (v < 0) return Status::InvalidArgument("hash has a non lower-case hex digit at " +
                                              std::to_string(i));
    h[i / 2] = static_cast<uint8_t>(h[i / 2] << 4 | v);
  }
  return h;
}

std::string Base64Encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = uint8_t(in[i]) << 16 | uint8_t(in[i + 1]) << 8 | uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kB64[(v >> s) & 63]);
  }
  size_t rest = in.size() - i;
  if (rest > 0) {
    uint32_t v = uint8_t(in[i]) << 16 | (rest == 2 ? uint8_t(in[i + 1]) << 8 : 0);
    out.push_back(kB64[(v >> 18) & 63]);
    out.push_back(kB64[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kB64[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

Result<std::string> Base64Decode(std::string_view in) {
  if (in.size() % 4 != 0) {
    return Status::InvalidArgument("base64 length " + std::to_string(in.size()) +
                                   " is not a multiple of 4");
  }
  std::string out;
  out.reserve(in.size() / 4 * 3);
  for (size_t i = 0; i < in.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      char c = in[i + j];
      bool last_group = i + 4 == in.size();
      if (c == '=' && last_group && j >= 2 && (j == 3 || in[i + 3] == '=')) {
        v[j] = 0;
        ++pad;
        continue;
      }
      v[j] = pad > 0 ? -1 : B64Value(c);
      if (v[j] < 0) {
        return Status::InvalidArgument("invalid base64 character at offset " +
                                       std::to_string(i + j));
      }
    }
    uint32_t w = v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3];
    out.push_back(char(w >> 16));
    if (pad < 2) out.push_back(char(w >> 8 & 0xff));
    if (pad < 1) out.push_back(char(w & 0xff));
    // Reject non-canonical encodings (unused bits must be zero).
    if ((pad == 1 && (w & 0xff) != 0) || (pad == 2 && (w & 0xffff) != 0)) {
      return Status::InvalidArgument("non-canonical base64 padding bits at offset " +
                                     std::to_string(i));
    }
  }
  return out;
}

std::string HashToBase64(const Hash& h) { return Base64Encode(AsBytes(h)); }

Result<Hash> HashFromBase64(std::string_view text, std::string_view what) {
  auto raw = Base64Decode(text);
  if (!raw.ok()) return Status::InvalidArgument(std::string(what) + ": " + raw.status().message());
  if (raw->size() != kHashSize) {
    return Status::InvalidArgument(std::string(what) + ": hash must be 32 bytes, got " +
                                   std::to_string(raw->size()));
  }
  Hash h{};
  std::memcpy(h.data(), raw->data(), kHashSize);
  return h;
}

}  // namespace jianmei::evidence
