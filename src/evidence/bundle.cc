#include "evidence/bundle.h"

#include <algorithm>
#include <initializer_list>
#include <set>
#include <nlohmann/json.hpp>

#include "core/json_reader.h"
#include "evidence/verifier.h"

namespace jianmei::evidence {
namespace {

using nlohmann::json;

std::string N(uint64_t v) { return std::to_string(v); }

Status Bad(const std::string& where, const std::string& why) {
  return Status::InvalidArgument("bundle: " + where + ": " + why);
}

Status GetString(const json& obj, const char* key, const std::string& where, bool required,
                 std::string* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return required ? Bad(where, std::string("missing \"") + key + "\"") : Status::Ok();
  if (!it->is_string()) return Bad(where + "." + key, "must be a string");
  *out = it->get<std::string>();
  return Status::Ok();
}

Status GetBase64(const json& obj, const char* key, const std::string& where, bool required,
                 std::string* out) {
  std::string text;
  if (Status s = GetString(obj, key, where, required, &text); !s.ok()) return s;
  auto raw = Base64Decode(text);
  if (!raw.ok()) return Bad(where + "." + key, raw.status().message());
  *out = std::move(*raw);
  return Status::Ok();
}

// A key we do not know could be a field some verifier is expected to honour; ignoring it
// silently would pass a bundle that means more than what was checked.
Status OnlyKeys(const json& obj, std::initializer_list<std::string_view> known,
                const std::string& where) {
  for (const auto& [key, value] : obj.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return Bad(where, "unknown key \"" + key + "\"");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string BundleToJson(const Bundle& b) {
  json j;
  j["format"] = kBundleFormat;
  j["verifier_key"] = b.verifier_key;
  j["checkpoint"] = b.checkpoint;
  if (!b.timestamp_token.empty()) j["timestamp_token"] = Base64Encode(b.timestamp_token);
  j["entries"] = json::array();
  for (const BundleEntry& e : b.entries) {
    json proof = json::array();
    for (const Hash& h : e.proof) proof.push_back(HashToBase64(h));
    j["entries"].push_back({{"index", e.index}, {"data", Base64Encode(e.data)}, {"proof", proof}});
  }
  j["blobs"] = json::array();
  for (const auto& [hash, data] : b.blobs) {
    j["blobs"].push_back({{"sha256", ToHex(hash)}, {"data", Base64Encode(data)}});
  }
  if (b.consistency) {
    json proof = json::array();
    for (const Hash& h : b.consistency->proof) proof.push_back(HashToBase64(h));
    j["consistency"] = {{"from_checkpoint", b.consistency->from_checkpoint}, {"proof", proof}};
  }
  return j.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<Bundle> ParseBundle(std::string_view text) {
  if (text.size() > kMaxBundleBytes) {
    return Bad("document", N(text.size()) + " bytes exceeds the limit of " + N(kMaxBundleBytes));
  }
  auto parsed = ReadJson(text, "bundle", "document");
  if (!parsed.ok()) return Status::InvalidArgument("bundle: " + parsed.status().message());
  const json& j = *parsed;
  if (!j.is_object()) return Bad("document", "must be a JSON object");
  Bundle b;
  std::string format;
  if (Status s = GetString(j, "format", "document", true, &format); !s.ok()) return s;
  if (format != kBundleFormat) return Bad("format", "\"" + format + "\" is not " + std::string(kBundleFormat));
  if (Status s = OnlyKeys(
          j, {"format", "verifier_key", "checkpoint", "timestamp_token", "entries", "blobs", "consistency"},
          "document");
      !s.ok()) {
    return s;
  }
  if (Status s = GetString(j, "verifier_key", "document", true, &b.verifier_key); !s.ok()) return s;
  if (Status s = GetString(j, "checkpoint", "document", true, &b.checkpoint); !s.ok()) return s;
  if (Status s = GetBase64(j, "timestamp_token", "document", false, &b.timestamp_token); !s.ok()) return s;
  if (j.contains("timestamp_token") && b.timestamp_token.empty()) {
    // An empty string would read as "no token" yet look like one was offered: omit the key.
    return Bad("document.timestamp_token", "empty (omit the key when there is no token)");
  }
  auto entries = j.find("entries");
  if (entries == j.end() || !entries->is_array()) return Bad("entries", "missing or not an array");
  if (entries->size() > kMaxBundleEntries) return Bad("entries", "more than " + N(kMaxBundleEntries));
  for (size_t i = 0; i < entries->size(); ++i) {
    const json& e = (*entries)[i];
    std::string where = "entries[" + N(i) + "]";
    if (!e.is_object()) return Bad(where, "must be an object");
    if (Status s = OnlyKeys(e, {"index", "data", "proof"}, where); !s.ok()) return s;
    BundleEntry be;
    auto idx = e.find("index");
    if (idx == e.end() || !idx->is_number_unsigned()) return Bad(where + ".index", "missing or not a non-negative integer");
    be.index = idx->get<uint64_t>();
    if (Status s = GetBase64(e, "data", where, true, &be.data); !s.ok()) return s;
    auto proof = e.find("proof");
    if (proof == e.end() || !proof->is_array()) return Bad(where + ".proof", "missing or not an array");
    if (proof->size() > kMaxProofHashes) return Bad(where + ".proof", "more than " + N(kMaxProofHashes) + " hashes");
    for (size_t k = 0; k < proof->size(); ++k) {
      std::string pw = where + ".proof[" + N(k) + "]";
      if (!(*proof)[k].is_string()) return Bad(pw, "must be a string");
      auto h = HashFromBase64((*proof)[k].get<std::string>(), "hash");
      if (!h.ok()) return Bad(pw, h.status().message());
      be.proof.push_back(*h);
    }
    b.entries.push_back(std::move(be));
  }
  auto blobs = j.find("blobs");
  if (blobs == j.end() || !blobs->is_array()) return Bad("blobs", "missing or not an array");
  for (size_t i = 0; i < blobs->size(); ++i) {
    const json& o = (*blobs)[i];
    std::string where = "blobs[" + N(i) + "]";
    if (!o.is_object()) return Bad(where, "must be an object");
    if (Status s = OnlyKeys(o, {"sha256", "data"}, where); !s.ok()) return s;
    std::string hex, data;
    if (Status s = GetString(o, "sha256", where, true, &hex); !s.ok()) return s;
    auto h = HashFromHex(hex);
    if (!h.ok()) return Bad(where + ".sha256", h.status().message());
    if (Status s = GetBase64(o, "data", where, true, &data); !s.ok()) return s;
    if (!b.blobs.emplace(*h, std::move(data)).second) return Bad(where, "duplicate blob " + hex);
  }
  if (auto c = j.find("consistency"); c != j.end()) {
    if (!c->is_object()) return Bad("consistency", "must be an object");
    if (Status s = OnlyKeys(*c, {"from_checkpoint", "proof"}, "consistency"); !s.ok()) return s;
    BundleConsistency bc;
    if (Status s = GetString(*c, "from_checkpoint", "consistency", true, &bc.from_checkpoint); !s.ok()) {
      return s;
    }
    auto proof = c->find("proof");
    if (proof == c->end() || !proof->is_array()) return Bad("consistency.proof", "missing or not an array");
    if (proof->size() > kMaxProofHashes) {
      return Bad("consistency.proof", "more than " + N(kMaxProofHashes) + " hashes");
    }
    for (size_t k = 0; k < proof->size(); ++k) {
      std::string pw = "consistency.proof[" + N(k) + "]";
      if (!(*proof)[k].is_string()) return Bad(pw, "must be a string");
      auto h = HashFromBase64((*proof)[k].get<std::string>(), "hash");
      if (!h.ok()) return Bad(pw, h.status().message());
      bc.proof.push_back(*h);
    }
    b.consistency = std::move(bc);
  }
  return b;
}

Result<BundleReport> VerifyBundle(const Bundle& b, const TrustAnchors& trust,
                                  std::string_view tsa_trusted_pem) {
  BundleReport r;
  auto verifier = NoteVerifier::Parse(b.verifier_key);
  if (!verifier.ok()) return Bad("verifier_key", verifier.status().message());
  auto cp = OpenCheckpoint(b.checkpoint, *verifier);
  if (!cp.ok()) return Bad("checkpoint", cp.status().message());
  auto decision = DecideTrust(trust, *verifier, *cp);
  if (!decision.ok()) return Status::InvalidArgument("bundle: " + decision.status().message());
  r.checkpoint = *cp;
  r.verifier_key = b.verifier_key;
  r.authenticated = decision->authenticated;
  r.trust_basis = decision->basis;
  if (!b.timestamp_token.empty()) {
    auto ts = VerifyTimestampToken(b.timestamp_token, b.checkpoint, tsa_trusted_pem);
    if (!ts.ok()) return Bad("timestamp_token", ts.status().message());
    r.timestamp = *ts;
  } else if (!tsa_trusted_pem.empty()) {
    return Bad("timestamp_token", "missing, but a TSA certificate was given to check it against");
  }
  if (b.consistency) {
    // Same key and origin: an older checkpoint of this very log, or the proof means nothing.
    auto older = OpenCheckpoint(b.consistency->from_checkpoint, *verifier, cp->origin);
    if (!older.ok()) return Bad("consistency.from_checkpoint", older.status().message());
    if (Status s = VerifyConsistency(older->size, cp->size, b.consistency->proof, older->root, cp->root);
        !s.ok()) {
      return Bad("consistency.proof", "from size " + N(older->size) + " to " + N(cp->size) + ": " +
                                          s.message());
    }
    r.consistent_with = *older;
  }
  if (b.entries.empty()) return Bad("entries", "the bundle holds no entries");
  std::map<uint64_t, size_t> seen;  // index -> position in entries
  std::set<Hash> referenced;  // blobs some attachment commits to, their hashes checked
  for (size_t i = 0; i < b.entries.size(); ++i) {
    const BundleEntry& be = b.entries[i];
    std::string where = "entries[" + N(i) + "] (index " + N(be.index) + ")";
    if (auto [it, fresh] = seen.emplace(be.index, i); !fresh) {
      // Counting it twice would report more evidence than there is.
      return Bad(where, "index " + N(be.index) + " is already in entries[" + N(it->second) + "]");
    }
    auto entry = DecodeEntry(be.data);
    if (!entry.ok()) return Bad(where, entry.status().message());
    Hash leaf = HashLeaf(be.data);
    if (Status s = VerifyInclusion(be.index, cp->size, leaf, be.proof, cp->root); !s.ok()) {
      return Bad(where, s.message());
    }
    for (size_t k = 0; k < entry->attachments.size(); ++k) {
      const Attachment& a = entry->attachments[k];
      auto it = b.blobs.find(a.sha256);
      if (it == b.blobs.end()) return Bad(where, "attachment " + N(k) + " blob is missing");
      if (Sha256(it->second) != a.sha256 || it->second.size() != a.size) {
        return Bad(where, "attachment " + N(k) + " blob does not match its hash or size");
      }
      referenced.insert(a.sha256);
    }
    r.entries.push_back({be.index, leaf, std::move(*entry)});
  }
  // Every blob must be one an entry commits to, with the hash it is listed under: anything else
  // would travel with the bundle (and could be shown) without having been proved.
  for (const auto& [hash, data] : b.blobs) {
    if (referenced.count(hash)) continue;  // hashed above
    return Bad("blobs", ToHex(hash) + (Sha256(data) != hash ? " does not hash to its sha256"
                                                            : " is not an attachment of any entry"));
  }
  return r;
}

}  // namespace jianmei::evidence
