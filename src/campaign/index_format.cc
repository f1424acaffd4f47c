// Index::Save and Index::Load: the saved index format (doc/campaigns.md §Index file).
#include "campaign/index_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>

#include "campaign/index.h"
#include "core/utf8.h"

namespace jianmei::campaign {
namespace format {

uint64_t Checksum(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace format

namespace {

template <typename T>
void Put(std::string* out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  if constexpr (std::endian::native == std::endian::big) std::reverse(b, b + sizeof(T));
  out->append(b, sizeof(T));
}

// Bounds-checked little-endian reader; every failure names the byte offset.
class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  size_t offset() const { return pos_; }
  size_t remaining() const { return b_.size() - pos_; }
  template <typename T>
  bool Get(T* v) {
    if (remaining() < sizeof(T)) return false;
    char b[sizeof(T)];
    std::memcpy(b, b_.data() + pos_, sizeof(T));
    if constexpr (std::endian::native == std::endian::big) std::reverse(b, b + sizeof(T));
    std::memcpy(v, b, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool Bytes(size_t n, std::string_view* v) {
    if (remaining() < n) return false;
    *v = b_.substr(pos_, n);
    pos_ += n;
    return true;
  }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

Status Corrupt(size_t offset, std::string_view what) {
  return Status::Corruption(fmt::format("campaign index at byte {}: {}", offset, what));
}

// Reads a strictly ascending u32 set of n elements (n checked against the bytes left).
Status ReadSet(Reader& r, std::string_view name, std::vector<uint32_t>* out) {
  uint32_t n;
  const size_t at = r.offset();
  if (!r.Get(&n)) return Corrupt(at, fmt::format("truncated {} count", name));
  if (n > r.remaining() / 4) return Corrupt(at, fmt::format("{} count {} exceeds the file", name, n));
  out->resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    r.Get(&(*out)[i]);
    if (i > 0 && (*out)[i] <= (*out)[i - 1])
      return Corrupt(r.offset() - 4, fmt::format("{} not strictly ascending", name));
  }
  return Status::Ok();
}

}  // namespace

std::string Index::Save() const {
  std::string out(format::kMagic);
  const IndexOptions& o = options_;
  Put<uint64_t>(&out, o.seed);
  for (int v : {o.permutations, o.bands, o.rows, o.shingles.k, o.shingles.short_k,
                o.shingles.short_chars}) {
    Put<uint32_t>(&out, static_cast<uint32_t>(v));
  }
  Put<uint32_t>(&out, o.min_shingles);
  Put<uint32_t>(&out, o.max_bucket_scan);
  Put<uint64_t>(&out, std::bit_cast<uint64_t>(o.min_jaccard));
  Put<uint8_t>(&out, o.link_contacts ? 1 : 0);
  Put<uint32_t>(&out, o.copied_run);
  Put<uint32_t>(&out, static_cast<uint32_t>(common_.sorted().size()));
  for (uint32_t s : common_.sorted()) Put<uint32_t>(&out, s);
  Put<uint32_t>(&out, static_cast<uint32_t>(size()));
  for (uint32_t d = 0; d < size(); ++d) {
    Put<uint32_t>(&out, parent_[d]);
    const auto sh = shingles(d);
    Put<uint32_t>(&out, static_cast<uint32_t>(sh.size()));
    for (uint32_t s : sh) Put<uint32_t>(&out, s);
    Put<uint8_t>(&out, static_cast<uint8_t>(handles_[d].size()));
    for (const Handle& h : handles_[d]) {
      Put<uint8_t>(&out, static_cast<uint8_t>(h.kind));
      Put<uint16_t>(&out, static_cast<uint16_t>(h.value.size()));
      out += h.value;
      Put<uint16_t>(&out, static_cast<uint16_t>(h.written.size()));
      out += h.written;
    }
  }
  Put<uint32_t>(&out, static_cast<uint32_t>(labels_.size()));
  for (const auto& [cluster, label] : labels_) {
    Put<uint32_t>(&out, cluster);
    Put<uint8_t>(&out, static_cast<uint8_t>(label.size()));
    out += label;
  }
  Put<uint64_t>(&out, format::Checksum(out));
  return out;
}

Result<std::unique_ptr<Index>> Index::Load(std::string_view bytes,
                                           std::shared_ptr<const text::Normalizer> normalizer) {
  if (bytes.size() < format::kMagic.size() + 8 ||
      (bytes.substr(0, 8) != format::kMagic && bytes.substr(0, 8) != format::kMagicV2 &&
       bytes.substr(0, 8) != format::kMagicV1))
    return Corrupt(0, "not a campaign index (bad magic or too short)");
  const bool has_labels = bytes.substr(0, 8) != format::kMagicV1;
  const bool has_copied_run = bytes.substr(0, 8) == format::kMagic;
  const bool has_written = has_copied_run;  // both came with version 3
  const std::string_view body = bytes.substr(0, bytes.size() - 8);
  Reader tail(bytes.substr(body.size()));
  uint64_t sum;
  tail.Get(&sum);
  if (sum != format::Checksum(body)) return Corrupt(body.size(), "checksum mismatch");

  Reader r(body);
  std::string_view magic;
  r.Bytes(8, &magic);
  IndexOptions o;
  uint32_t v[8];
  uint64_t jaccard_bits;
  uint8_t link;
  if (!r.Get(&o.seed)) return Corrupt(r.offset(), "truncated options");
  for (uint32_t& x : v) {
    if (!r.Get(&x)) return Corrupt(r.offset(), "truncated options");
  }
  if (!r.Get(&jaccard_bits) || !r.Get(&link)) return Corrupt(r.offset(), "truncated options");
  for (int i = 0; i < 6; ++i) {
    if (v[i] > 1000000) return Corrupt(16 + 4 * i, "option out of range");
  }
  o.permutations = static_cast<int>(v[0]);
  o.bands = static_cast<int>(v[1]);
  o.rows = static_cast<int>(v[2]);
  o.shingles = {static_cast<int>(v[3]), static_cast<int>(v[4]), static_cast<int>(v[5])};
  o.min_shingles = v[6];
  o.max_bucket_scan = v[7];
  o.min_jaccard = std::bit_cast<double>(jaccard_bits);
  if (link > 1) return Corrupt(r.offset() - 1, "link_contacts is not 0 or 1");
  o.link_contacts = link == 1;
  o.copied_run = 0;  // versions 1 and 2 dropped every common shingle
  if (has_copied_run && !r.Get(&o.copied_run)) return Corrupt(r.offset(), "truncated options");
  if (Status s = ValidateOptions(o); !s.ok()) return Corrupt(8, "options: " + s.message());

  std::vector<uint32_t> common;
  if (Status s = ReadSet(r, "common shingles", &common); !s.ok()) return s;
  auto index = Create(o, CommonShingles(std::move(common)), std::move(normalizer));
  if (!index.ok()) return index.status();
  Index& ix = **index;

  uint32_t docs;
  if (!r.Get(&docs)) return Corrupt(r.offset(), "truncated post count");
  if (docs > r.remaining() / 9) return Corrupt(r.offset() - 4, "post count exceeds the file");
  std::vector<uint32_t> sh;
  for (uint32_t d = 0; d < docs; ++d) {
    uint32_t parent;
    size_t at = r.offset();
    if (!r.Get(&parent)) return Corrupt(at, fmt::format("post {}: truncated", d));
    if (parent > d) return Corrupt(at, fmt::format("post {}: parent {} after the post", d, parent));
    if (Status s = ReadSet(r, fmt::format("post {} shingles", d), &sh); !s.ok()) return s;
    uint8_t nh;
    at = r.offset();
    if (!r.Get(&nh)) return Corrupt(at, fmt::format("post {}: truncated handle count", d));
    std::vector<Handle> handles;
    for (uint8_t i = 0; i < nh; ++i) {
      uint8_t kind;
      uint16_t len, written_len = 0;
      std::string_view value, written;
      at = r.offset();
      if (!r.Get(&kind) || !r.Get(&len) || !r.Bytes(len, &value) ||
          (has_written && (!r.Get(&written_len) || !r.Bytes(written_len, &written))))
        return Corrupt(at, fmt::format("post {}: truncated handle", d));
      if (kind >= kHandleKinds) return Corrupt(at, fmt::format("post {}: unknown handle kind {}", d, kind));
      if (len == 0 || len > format::kMaxHandleBytes || utf8::FindInvalid(value) != std::string_view::npos)
        return Corrupt(at, fmt::format("post {}: handle empty, too long or not UTF-8", d));
      if (written_len > format::kMaxHandleBytes || utf8::FindInvalid(written) != std::string_view::npos)
        return Corrupt(at, fmt::format("post {}: handle as written too long or not UTF-8", d));
      // Versions 1 and 2 kept only the value.
      handles.push_back({static_cast<HandleKind>(kind), std::string(value),
                         std::string(has_written ? written : value)});
    }
    ix.Append(sh, std::move(handles), parent);
    const auto keys = ix.BandKeysOf(sh);
    if (keys.empty()) ix.bands_.InsertEmpty();
    else ix.bands_.Insert(keys);
    if (o.link_contacts) {
      for (const Handle& h : ix.handles_[d]) {
        if (IsContactKind(h.kind))
          ix.contact_first_.try_emplace(std::string(HandleKindName(h.kind)) + ":" + h.value, d);
      }
    }
  }
  if (has_labels) {
    uint32_t n;
    if (!r.Get(&n)) return Corrupt(r.offset(), "truncated campaign label count");
    std::map<uint32_t, std::string> labels;
    for (uint32_t i = 0; i < n; ++i) {
      const size_t at = r.offset();
      uint32_t cluster;
      uint8_t len;
      std::string_view label;
      if (!r.Get(&cluster) || !r.Get(&len) || !r.Bytes(len, &label))
        return Corrupt(at, fmt::format("campaign label {}: truncated", i));
      if (!labels.empty() && cluster <= labels.rbegin()->first)
        return Corrupt(at, fmt::format("campaign label {}: clusters not strictly ascending", i));
      if (utf8::FindInvalid(label) != std::string_view::npos)
        return Corrupt(at, fmt::format("campaign label {}: not UTF-8", i));
      labels.emplace(cluster, std::string(label));
    }
    if (Status s = ix.SetCampaignLabels(std::move(labels)); !s.ok()) return Corrupt(r.offset(), s.message());
  }
  if (r.remaining() != 0) return Corrupt(r.offset(), "trailing bytes after the index");
  return index;
}

}  // namespace jianmei::campaign
