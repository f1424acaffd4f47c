#include "cli/post.h"

#include <simdjson.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/rfc3339.h"
#include "core/utf8.h"

namespace jianmei::cli {
namespace {

constexpr std::string_view kFields[] = {"id", "text", "author", "platform", "url", "posted_at"};

// Index of a contract field in kFields, or -1.
int FieldIndex(std::string_view key) {
  for (int i = 0; i < static_cast<int>(std::size(kFields)); ++i) {
    if (kFields[i] == key) return i;
  }
  return -1;
}

std::string UnknownFieldWarning(std::string_view key) {
  return "unknown field \"" + std::string(utf8::Prefix(key, 64)) + "\" ignored";
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

Status CheckPostedAt(const Post& p) {
  if (!p.posted_at.empty() && !ParseRfc3339(p.posted_at)) {
    return Status::InvalidArgument("field \"posted_at\" is not an RFC 3339 date-time: \"" +
                                   std::string(utf8::Prefix(p.posted_at, 40)) + "\"");
  }
  return Status::Ok();
}

// The common record — a JSON object whose contract fields are strings (the optional ones may
// be null), no key given twice — read with simdjson, several times faster than building a
// nlohmann tree. Returns false for anything else (including every error): nlohmann then reads
// the line and stays the reference for what is accepted and for the error messages.
bool ReadCommonRecord(std::string_view line, Post* p) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(line.data(), line.size()).get(object) != simdjson::SUCCESS) return false;
  std::string* targets[] = {&p->id, &p->text, &p->author, &p->platform, &p->url, &p->posted_at};
  bool seen[std::size(kFields)] = {};
  std::vector<std::string_view> unknown;
  for (const auto field : object) {
    const int k = FieldIndex(field.key);
    if (k < 0) {
      unknown.push_back(field.key);
      continue;
    }
    if (seen[k]) return false;
    seen[k] = true;
    if (k >= 2 && field.value.is_null()) continue;
    std::string_view value;
    // An integer id is rare; nlohmann writes it back exactly as it always did.
    if (field.value.get_string().get(value) != simdjson::SUCCESS) return false;
    // A lone surrogate escape (\udc00) unescapes to bytes that are not UTF-8: nlohmann rejects it.
    if (!simdjson::validate_utf8(value.data(), value.size())) return false;
    targets[k]->assign(value);
  }
  if (!seen[1]) return false;
  p->has_id = seen[0];
  // nlohmann lists the unknown fields in key order.
  std::sort(unknown.begin(), unknown.end());
  if (std::adjacent_find(unknown.begin(), unknown.end()) != unknown.end()) return false;
  for (std::string_view key : unknown) p->warnings.push_back(UnknownFieldWarning(key));
  return true;
}

}  // namespace

Result<Post> ParsePostWithNlohmann(std::string_view line, std::string* id_out) {
  if (Status st = CheckLine(line); !st.ok()) return st;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann counts bytes from 1; offsets here count from 0, as for invalid UTF-8 above.
    return Status::InvalidArgument("not JSON: syntax error at byte " +
                                   std::to_string(e.byte > 0 ? e.byte - 1 : 0));
  } catch (const nlohmann::json::exception& e) {
    // e.g. out_of_range 406 for a number such as 1e999 that overflows a double.
    return Status::InvalidArgument(std::string("not readable JSON: ") + e.what());
  }
  if (!j.is_object()) return Status::InvalidArgument("not a JSON object");
  Post p;
  if (auto it = j.find("id"); it != j.end()) {
    if (it->is_string()) p.id = it->get<std::string>();
    else if (it->is_number_integer()) p.id = it->dump();
    else return Status::InvalidArgument("field \"id\" must be a string or an integer");
    p.has_id = true;
    *id_out = p.id;
  }
  auto text = j.find("text");
  if (text == j.end()) return Status::InvalidArgument("missing required field \"text\"");
  if (!text->is_string()) return Status::InvalidArgument("field \"text\" must be a string");
  p.text = text->get<std::string>();
  for (auto [name, field] : {std::pair<const char*, std::string*>{"author", &p.author},
                             {"platform", &p.platform}, {"url", &p.url},
                             {"posted_at", &p.posted_at}}) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_string()) {
      return Status::InvalidArgument(std::string("field \"") + name + "\" must be a string");
    }
    *field = it->get<std::string>();
  }
  if (Status st = CheckPostedAt(p); !st.ok()) return st;
  for (const auto& [key, value] : j.items()) {
    if (FieldIndex(key) < 0) p.warnings.push_back(UnknownFieldWarning(key));
  }
  return p;
}

Result<Post> ParsePost(std::string_view line, std::string* id_out) {
  // simdjson accepts only valid UTF-8, so the common record needs no check of its own.
  Post p;
  if (!ReadCommonRecord(line, &p)) return ParsePostWithNlohmann(line, id_out);
  if (p.has_id) *id_out = p.id;
  if (Status st = CheckPostedAt(p); !st.ok()) return st;
  return p;
}

}  // namespace jianmei::cli
