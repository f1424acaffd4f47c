// Ed25519 note keys (OpenSSL EVP) in the C2SP signed-note key formats:
//   verifier key  <name>+<key id, 8 hex>+<base64(0x01 || 32-byte public key)>
//   signer key    PRIVATE+KEY+<name>+<key id>+<base64(0x01 || 32-byte seed)>
// where key id = first 4 bytes (big-endian) of SHA-256(name || "\n" || 0x01 || public key).
// NoteSigner owns an EVP_PKEY; it is immutable after creation and safe to share between threads
// (OpenSSL EVP keys are read-only during signing). NoteVerifier is a plain value.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

struct evp_pkey_st;  // OpenSSL EVP_PKEY

namespace jianmei::evidence {

inline constexpr size_t kEd25519SignatureSize = 64;

// A key name is non-empty, at most 256 bytes, printable ASCII/UTF-8 without spaces or '+'.
Status CheckKeyName(std::string_view name);
uint32_t KeyId(std::string_view name, std::string_view public_key);

class NoteVerifier {
 public:
  static Result<NoteVerifier> Parse(std::string_view verifier_key);
  static Result<NoteVerifier> FromPublicKey(std::string_view name, std::string_view public_key);

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  const std::string& public_key() const { return public_key_; }
  std::string ToString() const;
  Status Verify(std::string_view message, std::string_view signature) const;

 private:
  std::string name_;
  uint32_t key_id_ = 0;
  std::string public_key_;  // 32 raw bytes
};

class NoteSigner {
 public:
  static Result<std::shared_ptr<const NoteSigner>> Generate(std::string_view name);
  static Result<std::shared_ptr<const NoteSigner>> Parse(std::string_view signer_key);
  ~NoteSigner();
  NoteSigner(const NoteSigner&) = delete;
  NoteSigner& operator=(const NoteSigner&) = delete;

  const NoteVerifier& verifier() const { return verifier_; }
  const std::string& name() const { return verifier_.name(); }
  std::string SignerKey() const;  // secret: the PRIVATE+KEY+... string
  // The same key material under another name (the key id changes with the name).
  Result<std::shared_ptr<const NoteSigner>> WithName(std::string_view name) const;
  Result<std::string> Sign(std::string_view message) const;

 private:
  NoteSigner() = default;
  static Result<std::shared_ptr<const NoteSigner>> FromSeed(std::string_view name,
                                                            std::string_view seed);
  ::evp_pkey_st* key_ = nullptr;
  std::string seed_;
  NoteVerifier verifier_;
};

}  // namespace jianmei::evidence
