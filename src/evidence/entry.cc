#include "evidence/entry.h"

#include <cstring>

#include "core/utf8.h"

namespace jianmei::evidence {
namespace {

constexpr std::string_view kMagic = "JMEV";
constexpr uint8_t kVersion = 1;

void PutU32(uint32_t v, std::string* out) {
  for (int s = 24; s >= 0; s -= 8) out->push_back(static_cast<char>(v >> s));
}
void PutU64(uint64_t v, std::string* out) {
  for (int s = 56; s >= 0; s -= 8) out->push_back(static_cast<char>(v >> s));
}

struct Field {
  const char* name;
  std::string Entry::*member;
};
constexpr Field kFields[] = {
    {"recorded_at", &Entry::recorded_at}, {"url", &Entry::url},
    {"author", &Entry::author},           {"platform", &Entry::platform},
    {"posted_at", &Entry::posted_at},     {"text", &Entry::text},
    {"body", &Entry::body},
};

Status CheckUtf8(std::string_view s, const std::string& what) {
  size_t bad = utf8::FindInvalid(s);
  if (bad != std::string_view::npos) {
    return Status::InvalidArgument("entry " + what + ": invalid UTF-8 at byte " +
                                   std::to_string(bad));
  }
  return Status::Ok();
}

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  size_t pos() const { return pos_; }
  size_t left() const { return in_.size() - pos_; }

  Status Take(size_t n, const char* what, std::string_view* out) {
    if (left() < n) {
      return Status::InvalidArgument("entry truncated in " + std::string(what) + " at byte " +
                                     std::to_string(pos_) + ": need " + std::to_string(n) +
                                     ", have " + std::to_string(left()));
    }
    *out = in_.substr(pos_, n);
    pos_ += n;
    return Status::Ok();
  }
  Status U32(const char* what, uint32_t* v) {
    std::string_view b;
    if (Status s = Take(4, what, &b); !s.ok()) return s;
    *v = 0;
    for (char c : b) *v = *v << 8 | static_cast<uint8_t>(c);
    return Status::Ok();
  }
  Status U64(const char* what, uint64_t* v) {
    std::string_view b;
    if (Status s = Take(8, what, &b); !s.ok()) return s;
    *v = 0;
    for (char c : b) *v = *v << 8 | static_cast<uint8_t>(c);
    return Status::Ok();
  }
  Status Str(const std::string& what, std::string* out) {
    uint32_t n = 0;
    if (Status s = U32(what.c_str(), &n); !s.ok()) return s;
    std::string_view b;
    if (Status s = Take(n, what.c_str(), &b); !s.ok()) return s;
    if (Status s = CheckUtf8(b, what); !s.ok()) return s;
    out->assign(b);
    return Status::Ok();
  }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace

const char* EntryKindName(EntryKind kind) {
  return kind == EntryKind::kComplaint ? "complaint" : "capture";
}

Result<std::string> EncodeEntry(const Entry& e) {
  if (e.kind != EntryKind::kCapture && e.kind != EntryKind::kComplaint) {
    return Status::InvalidArgument("entry kind " + std::to_string(int(e.kind)) + " is unknown");
  }
  if (e.attachments.size() > kMaxAttachments) {
    return Status::InvalidArgument("entry has " + std::to_string(e.attachments.size()) +
                                   " attachments, more than " + std::to_string(kMaxAttachments));
  }
  std::string out(kMagic);
  out.push_back(static_cast<char>(kVersion));
  out.push_back(static_cast<char>(e.kind));
  for (const Field& f : kFields) {
    const std::string& v = e.*f.member;
    if (Status s = CheckUtf8(v, f.name); !s.ok()) return s;
    if (v.size() > kMaxEntryBytes) return Status::InvalidArgument(std::string("entry ") + f.name + " too long");
    PutU32(static_cast<uint32_t>(v.size()), &out);
    out += v;
  }
  PutU32(static_cast<uint32_t>(e.attachments.size()), &out);
  for (size_t i = 0; i < e.attachments.size(); ++i) {
    const Attachment& a = e.attachments[i];
    std::string what = "attachment " + std::to_string(i);
    if (Status s = CheckUtf8(a.media_type, what + " media_type"); !s.ok()) return s;
    if (Status s = CheckUtf8(a.name, what + " name"); !s.ok()) return s;
    out.append(AsBytes(a.sha256));
    PutU64(a.size, &out);
    PutU32(static_cast<uint32_t>(a.media_type.size()), &out);
    out += a.media_type;
    PutU32(static_cast<uint32_t>(a.name.size()), &out);
    out += a.name;
  }
  if (out.size() > kMaxEntryBytes) {
    return Status::InvalidArgument("entry encodes to " + std::to_string(out.size()) +
                                   " bytes, more than " + std::to_string(kMaxEntryBytes));
  }
  return out;
}

Result<Entry> DecodeEntry(std::string_view bytes) {
  if (bytes.size() > kMaxEntryBytes) {
    return Status::InvalidArgument("entry of " + std::to_string(bytes.size()) +
                                   " bytes exceeds the limit");
  }
  Reader r(bytes);
  std::string_view head;
  if (Status s = r.Take(6, "header", &head); !s.ok()) return s;
  if (head.substr(0, 4) != kMagic) return Status::InvalidArgument("entry: bad magic, not JMEV");
  if (uint8_t(head[4]) != kVersion) {
    return Status::InvalidArgument("entry: unsupported version " + std::to_string(uint8_t(head[4])));
  }
  Entry e;
  uint8_t kind = static_cast<uint8_t>(head[5]);
  if (kind != 1 && kind != 2) {
    return Status::InvalidArgument("entry: unknown kind " + std::to_string(kind));
  }
  e.kind = static_cast<EntryKind>(kind);
  for (const Field& f : kFields) {
    if (Status s = r.Str(f.name, &(e.*f.member)); !s.ok()) return s;
  }
  uint32_t count = 0;
  if (Status s = r.U32("attachment count", &count); !s.ok()) return s;
  // Each attachment takes at least 48 bytes, so a count beyond what is left is malformed.
  if (count > kMaxAttachments || count > r.left() / 48) {
    return Status::InvalidArgument("entry: attachment count " + std::to_string(count) +
                                   " is impossible for the remaining " + std::to_string(r.left()) +
                                   " bytes");
  }
  for (uint32_t i = 0; i < count; ++i) {
    std::string what = "attachment " + std::to_string(i);
    Attachment a;
    std::string_view h;
    if (Status s = r.Take(kHashSize, what.c_str(), &h); !s.ok()) return s;
    std::memcpy(a.sha256.data(), h.data(), kHashSize);
    if (Status s = r.U64(what.c_str(), &a.size); !s.ok()) return s;
    if (Status s = r.Str(what + " media_type", &a.media_type); !s.ok()) return s;
    if (Status s = r.Str(what + " name", &a.name); !s.ok()) return s;
    e.attachments.push_back(std::move(a));
  }
  if (r.left() != 0) {
    return Status::InvalidArgument("entry: " + std::to_string(r.left()) +
                                   " trailing bytes after byte " + std::to_string(r.pos()));
  }
  return e;
}

}  // namespace jianmei::evidence
