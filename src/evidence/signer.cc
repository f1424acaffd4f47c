#include "evidence/signer.h"

#include <openssl/evp.h>

#include <cstdio>
#include <vector>

#include "core/utf8.h"
#include "evidence/hash.h"

namespace jianmei::evidence {
namespace {

constexpr char kAlgEd25519 = 0x01;

std::string Hex8(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

Result<uint32_t> ParseHex8(std::string_view s) {
  if (s.size() != 8) return Status::InvalidArgument("key id must be 8 hex digits");
  uint32_t v = 0;
  for (char c : s) {
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    if (d < 0) return Status::InvalidArgument("key id has a non lower-case hex digit");
    v = v << 4 | d;
  }
  return v;
}

// Splits at the first max_parts - 1 '+' signs; the last part (base64) may itself contain '+'.
std::vector<std::string_view> SplitPlus(std::string_view s, size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    size_t p = s.find('+');
    if (p == std::string_view::npos) break;
    parts.push_back(s.substr(0, p));
    s.remove_prefix(p + 1);
  }
  parts.push_back(s);
  return parts;
}

// Decodes base64(0x01 || 32 bytes).
Result<std::string> DecodeKeyMaterial(std::string_view b64, const char* what) {
  auto raw = Base64Decode(b64);
  if (!raw.ok()) return Status::InvalidArgument(std::string(what) + ": " + raw.status().message());
  if (raw->size() != 33 || (*raw)[0] != kAlgEd25519) {
    return Status::InvalidArgument(std::string(what) + ": not an Ed25519 key (0x01 + 32 bytes)");
  }
  return raw->substr(1);
}

}  // namespace

Status CheckKeyName(std::string_view name) {
  if (name.empty() || name.size() > 256) {
    return Status::InvalidArgument("key name must be 1 to 256 bytes");
  }
  if (utf8::FindInvalid(name) != std::string_view::npos) {
    return Status::InvalidArgument("key name is not UTF-8");
  }
  for (char c : name) {
    if (c == '+' || static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return Status::InvalidArgument("key name contains '+', a space or a control character");
    }
  }
  return Status::Ok();
}

uint32_t KeyId(std::string_view name, std::string_view public_key) {
  std::string m(name);
  m.push_back('\n');
  m.push_back(kAlgEd25519);
  m.append(public_key);
  Hash h = Sha256(m);
  return uint32_t(h[0]) << 24 | uint32_t(h[1]) << 16 | uint32_t(h[2]) << 8 | h[3];
}

Result<NoteVerifier> NoteVerifier::FromPublicKey(std::string_view name,
                                                 std::string_view public_key) {
  if (Status s = CheckKeyName(name); !s.ok()) return s;
  if (public_key.size() != 32) return Status::InvalidArgument("Ed25519 public key must be 32 bytes");
  NoteVerifier v;
  v.name_ = name;
  v.public_key_ = public_key;
  v.key_id_ = KeyId(name, public_key);
  return v;
}

Result<NoteVerifier> NoteVerifier::Parse(std::string_view text) {
  auto parts = SplitPlus(text, 3);
  if (parts.size() != 3) {
    return Status::InvalidArgument("verifier key must be <name>+<key id>+<key>");
  }
  auto id = ParseHex8(parts[1]);
  if (!id.ok()) return Status::InvalidArgument("verifier key: " + id.status().message());
  auto pub = DecodeKeyMaterial(parts[2], "verifier key");
  if (!pub.ok()) return pub.status();
  auto v = FromPublicKey(parts[0], *pub);
  if (!v.ok()) return Status::InvalidArgument("verifier key: " + v.status().message());
  if (v->key_id_ != *id) return Status::InvalidArgument("verifier key: key id does not match key");
  return v;
}

std::string NoteVerifier::ToString() const {
  return name_ + "+" + Hex8(key_id_) + "+" + Base64Encode(std::string(1, kAlgEd25519) + public_key_);
}

Status NoteVerifier::Verify(std::string_view message, std::string_view sig) const {
  if (sig.size() != kEd25519SignatureSize) {
    return Status::InvalidArgument("Ed25519 signature must be 64 bytes, got " +
                                   std::to_string(sig.size()));
  }
  EVP_PKEY* key = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(public_key_.data()), 32);
  if (key == nullptr) return Status::InvalidArgument("public key rejected by OpenSSL");
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  int rc = ctx ? EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key) : 0;
  if (rc == 1) {
    rc = EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size());
  }
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  if (rc != 1) return Status::InvalidArgument("signature by " + name_ + " does not verify");
  return Status::Ok();
}

Result<std::shared_ptr<const NoteSigner>> NoteSigner::FromSeed(std::string_view name,
                                                               std::string_view seed) {
  if (Status s = CheckKeyName(name); !s.ok()) return s;
  EVP_PKEY* key = EVP_PKEY_new_raw_private_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed.data()), seed.size());
  if (key == nullptr) return Status::InvalidArgument("Ed25519 private key rejected by OpenSSL");
  unsigned char pub[32];
  size_t len = sizeof pub;
  if (EVP_PKEY_get_raw_public_key(key, pub, &len) != 1 || len != 32) {
    EVP_PKEY_free(key);
    return Status::Internal("cannot derive the Ed25519 public key");
  }
  std::shared_ptr<NoteSigner> s(new NoteSigner);
  s->key_ = key;
  s->seed_ = seed;
  auto v = NoteVerifier::FromPublicKey(name, std::string(reinterpret_cast<char*>(pub), 32));
  if (!v.ok()) return v.status();
  s->verifier_ = *v;
  return std::shared_ptr<const NoteSigner>(std::move(s));
}

Result<std::shared_ptr<const NoteSigner>> NoteSigner::Generate(std::string_view name) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (key == nullptr) return Status::Internal("Ed25519 key generation failed");
  unsigned char seed[32];
  size_t len = sizeof seed;
  int rc = EVP_PKEY_get_raw_private_key(key, seed, &len);
  EVP_PKEY_free(key);
  if (rc != 1 || len != 32) return Status::Internal("cannot read the new Ed25519 key");
  return FromSeed(name, std::string(reinterpret_cast<char*>(seed), 32));
}

Result<std::shared_ptr<const NoteSigner>> NoteSigner::Parse(std::string_view text) {
  auto parts = SplitPlus(text, 5);
  if (parts.size() != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY") {
    return Status::InvalidArgument("signer key must be PRIVATE+KEY+<name>+<key id>+<key>");
  }
  auto id = ParseHex8(parts[3]);
  if (!id.ok()) return Status::InvalidArgument("signer key: " + id.status().message());
  auto seed = DecodeKeyMaterial(parts[4], "signer key");
  if (!seed.ok()) return seed.status();
  auto s = FromSeed(parts[2], *seed);
  if (!s.ok()) return s;
  if ((*s)->verifier().key_id() != *id) {
    return Status::InvalidArgument("signer key: key id does not match key");
  }
  return s;
}

NoteSigner::~NoteSigner() { EVP_PKEY_free(key_); }

Result<std::shared_ptr<const NoteSigner>> NoteSigner::WithName(std::string_view name) const {
  return FromSeed(name, seed_);
}

std::string NoteSigner::SignerKey() const {
  return "PRIVATE+KEY+" + name() + "+" + Hex8(verifier_.key_id()) + "+" +
         Base64Encode(std::string(1, kAlgEd25519) + seed_);
}

Result<std::string> NoteSigner::Sign(std::string_view message) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned char sig[kEd25519SignatureSize];
  size_t len = sizeof sig;
  int rc = ctx ? EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key_) : 0;
  if (rc == 1) {
    rc = EVP_DigestSign(ctx, sig, &len, reinterpret_cast<const unsigned char*>(message.data()),
                        message.size());
  }
  EVP_MD_CTX_free(ctx);
  if (rc != 1 || len != kEd25519SignatureSize) return Status::Internal("Ed25519 signing failed");
  return std::string(reinterpret_cast<char*>(sig), len);
}

}  // namespace jianmei::evidence
