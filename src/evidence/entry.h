// An evidence entry and its canonical byte encoding (doc/evidence_format.md, "Entry"). The
// encoded bytes are what the log stores and hashes; decoding accepts exactly the bytes encoding
// produces, so every entry has one encoding. Plain value types; functions are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "evidence/hash.h"

namespace jianmei::evidence {

enum class EntryKind : uint8_t { kCapture = 1, kComplaint = 2 };
const char* EntryKindName(EntryKind kind);

// A file kept beside an entry as a content-addressed blob; the entry commits to its hash.
struct Attachment {
  Hash sha256{};
  uint64_t size = 0;
  std::string media_type;  // e.g. "image/jpeg"
  std::string name;        // original file name, informational
  friend bool operator==(const Attachment&, const Attachment&) = default;
};

struct Entry {
  EntryKind kind = EntryKind::kCapture;
  std::string recorded_at;  // RFC 3339 time the recorder says it captured this
  std::string url;
  std::string author;
  std::string platform;
  std::string posted_at;  // RFC 3339 time of the post, if known
  std::string text;       // the post text as captured
  std::string body;       // complaints: the JSON record (see complaint.h); captures: empty
  std::vector<Attachment> attachments;
  friend bool operator==(const Entry&, const Entry&) = default;
};

inline constexpr size_t kMaxEntryBytes = 16 << 20;  // whole encoded entry
inline constexpr size_t kMaxAttachments = 1024;

// Fails only when a field is not UTF-8 or the entry exceeds the limits above.
Result<std::string> EncodeEntry(const Entry& entry);
Result<Entry> DecodeEntry(std::string_view bytes);

}  // namespace jianmei::evidence
