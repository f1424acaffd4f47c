#include "evidence/trust.h"

#include "evidence/hash.h"

namespace jianmei::evidence {

std::string DerivedOrigin(std::string_view public_key) {
  return std::string(kDerivedOriginPrefix) +
         ToHex(Sha256(public_key)).substr(0, kDerivedOriginHexDigits);
}

bool IsDerivedOrigin(std::string_view origin) {
  if (origin.size() != kDerivedOriginPrefix.size() + kDerivedOriginHexDigits ||
      origin.substr(0, kDerivedOriginPrefix.size()) != kDerivedOriginPrefix) {
    return false;
  }
  for (char c : origin.substr(kDerivedOriginPrefix.size())) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<std::vector<NoteVerifier>> ParseTrustedKeys(std::string_view text, std::string_view where) {
  std::vector<NoteVerifier> keys;
  size_t line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    auto key = NoteVerifier::Parse(line);
    if (!key.ok()) {
      return Status::InvalidArgument(std::string(where) + ":" + std::to_string(line_no) + ": " +
                                     key.status().message());
    }
    if (keys.size() == kMaxTrustedKeys) {
      return Status::InvalidArgument(std::string(where) + ": more than " +
                                     std::to_string(kMaxTrustedKeys) + " keys");
    }
    keys.push_back(std::move(*key));
  }
  if (keys.empty()) return Status::InvalidArgument(std::string(where) + ": holds no keys");
  return keys;
}

Result<TrustDecision> DecideTrust(const TrustAnchors& anchors, const NoteVerifier& bundle_key,
                                  const Checkpoint& checkpoint) {
  TrustDecision d;
  if (!anchors.keys.empty()) {
    bool trusted = false;
    for (const NoteVerifier& k : anchors.keys) {
      trusted = trusted || (k.name() == bundle_key.name() && k.public_key() == bundle_key.public_key());
    }
    if (!trusted) {
      return Status::InvalidArgument("verifier_key: " + bundle_key.ToString() + " is not among the " +
                                     std::to_string(anchors.keys.size()) + " trusted key(s)");
    }
    d.authenticated = true;
    d.basis = "key pinned by the verifier";
  }
  if (!anchors.origin.empty()) {
    if (checkpoint.origin != anchors.origin) {
      return Status::InvalidArgument("checkpoint: origin \"" + checkpoint.origin +
                                     "\" is not the pinned origin \"" + anchors.origin + "\"");
    }
    const bool derived = IsDerivedOrigin(anchors.origin);
    if (derived &&
        (anchors.origin != DerivedOrigin(bundle_key.public_key()) ||
         bundle_key.name() != anchors.origin)) {
      // The pinned origin names one key; this is another (a forger claiming the log's origin).
      return Status::InvalidArgument("verifier_key: " + bundle_key.ToString() +
                                     " is not the key the pinned origin \"" + anchors.origin +
                                     "\" is derived from");
    }
    if (!d.authenticated) {
      if (derived) {
        d.authenticated = true;
        d.basis = "origin pinned by the verifier, derived from this key";
      } else {
        d.basis = "the pinned origin \"" + anchors.origin +
                  "\" matches but is not derived from this key, so it does not identify the "
                  "signer; pin the key with --key or --trusted-keys";
      }
    }
  }
  if (anchors.keys.empty() && anchors.origin.empty()) {
    d.basis = "no key or origin was pinned (--key, --trusted-keys, --origin): the key came with the "
              "bundle, so anyone could have signed it";
  }
  return d;
}

}  // namespace jianmei::evidence
