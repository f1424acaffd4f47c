#include "cli/post.h"

#include <simdjson.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/json_reader.h"
#include "core/utf8.h"

namespace jianmei::cli {
namespace {

using screen::kPostFields;

// Longer lines skip simdjson: its DOM parser allocates about 15 bytes per byte of the line and
// keeps them (thread_local) for the rest of the run — 733 MB for one 50 MB line.
constexpr size_t kMaxFastPathBytes = 1 << 20;

// Index of a post field in kPostFields, or -1.
int FieldIndex(std::string_view key) {
  for (int i = 0; i < static_cast<int>(std::size(kPostFields)); ++i) {
    if (kPostFields[i] == key) return i;
  }
  return -1;
}

Status CheckLine(std::string_view line) {
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
    return Status::InvalidArgument("empty line");
  }
  if (size_t bad = utf8::FindInvalid(line); bad != std::string_view::npos) {
    return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(bad));
  }
  return Status::Ok();
}

// The common record — a JSON object whose post fields are strings (the optional ones may be
// null), no key given twice, every value acceptable — read with simdjson, several times faster
// than building a nlohmann tree. Returns false for anything else (including every error):
// nlohmann then reads the line and stays the reference for what is accepted and for the error
// messages.
bool ReadCommonRecord(std::string_view line, const screen::PostReaderOptions& options, Post* p) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(line.data(), line.size()).get(object) != simdjson::SUCCESS) return false;
  std::string author_kind, channel;
  // In kPostFields order.
  std::string* targets[] = {&p->author,   &author_kind, &channel, &p->id,   &p->institution,
                            &p->platform, &p->posted_at, &p->text, &p->url};
  static_assert(std::size(targets) == std::size(kPostFields));
  constexpr int kId = 3, kText = 7;
  bool seen[std::size(kPostFields)] = {};
  std::vector<std::string_view> unknown;
  for (const auto field : object) {
    const int k = FieldIndex(field.key);
    // Images are rare and read by the reference reader.
    if (field.key == "images" && options.images != screen::ImageField::kNotAccepted) return false;
    if (k < 0) {
      // A key given twice inside it is found by the reference reader only.
      if (field.value.is_object() || field.value.is_array()) return false;
      const auto& allowed = options.also_allowed;
      if (std::find(allowed.begin(), allowed.end(), field.key) != allowed.end()) continue;
      if (options.unknown_fields_are_errors) return false;
      unknown.push_back(field.key);
      continue;
    }
    if (seen[k]) return false;
    seen[k] = true;
    if (k != kId && k != kText && field.value.is_null()) continue;
    std::string_view value;
    // An integer id is rare; nlohmann writes it back exactly as it always did.
    if (field.value.get_string().get(value) != simdjson::SUCCESS) return false;
    // A lone surrogate escape (\udc00) unescapes to bytes that are not UTF-8: nlohmann rejects it.
    if (!simdjson::validate_utf8(value.data(), value.size())) return false;
    targets[k]->assign(value);
  }
  if (!seen[kText] || p->text.size() > options.max_text_bytes) return false;
  p->has_id = seen[kId];
  if (!screen::CheckPostValues(author_kind, channel, "", p).ok()) return false;
  // nlohmann lists the unknown fields in key order; a key given twice is its business.
  std::sort(unknown.begin(), unknown.end());
  if (std::adjacent_find(unknown.begin(), unknown.end()) != unknown.end()) return false;
  for (std::string_view key : unknown) p->warnings.push_back(screen::UnknownFieldWarning(key));
  return true;
}

}  // namespace

Result<Post> ParsePostWithNlohmann(std::string_view line, std::string* id_out,
                                   const screen::PostReaderOptions& options) {
  if (Status st = CheckLine(line); !st.ok()) return st;
  auto j = ReadJson(line, "line");
  if (!j.ok()) return j.status();
  return screen::ReadPost(*j, "", options, id_out);
}

Result<Post> ParsePost(std::string_view line, std::string* id_out,
                       const screen::PostReaderOptions& options) {
  // simdjson accepts only valid UTF-8, so the common record needs no check of its own. A NUL byte
  // is the reference's error wherever it lies.
  Post p;
  if (line.size() > kMaxFastPathBytes || line.find('\0') != std::string_view::npos ||
      !ReadCommonRecord(line, options, &p)) {
    return ParsePostWithNlohmann(line, id_out, options);
  }
  if (p.has_id) *id_out = p.id;
  return p;
}

}  // namespace jianmei::cli
