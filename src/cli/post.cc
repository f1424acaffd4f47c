#include "cli/post.h"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <iterator>

#include "core/utf8.h"

namespace jianmei::cli {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

constexpr std::string_view kFields[] = {"id", "text", "author", "platform", "url", "posted_at"};

// Index of a contract field in kFields, or -1.
int FieldIndex(std::string_view key) {
  for (int i = 0; i < static_cast<int>(std::size(kFields)); ++i) {
    if (kFields[i] == key) return i;
  }
  return -1;
}

std::string UnknownFieldWarning(std::string_view key) {
  return "unknown field \"" + std::string(key.substr(0, 64)) + "\" ignored";
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
  if (!p.posted_at.empty() && !IsRfc3339(p.posted_at)) {
    return Status::InvalidArgument("field \"posted_at\" is not an RFC 3339 date-time: \"" +
                                   p.posted_at.substr(0, 40) + "\"");
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

bool IsRfc3339(std::string_view s) {
  // YYYY-MM-DD[Tt ]HH:MM:SS[.frac](Z|±HH:MM)
  if (!Digits(s, 0, 4) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' ||
      !Digits(s, 8, 2) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !Digits(s, 11, 2) ||
      s[13] != ':' || !Digits(s, 14, 2) || s[16] != ':' || !Digits(s, 17, 2)) {
    return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  const int hour = (s[11] - '0') * 10 + (s[12] - '0');
  const int minute = (s[14] - '0') * 10 + (s[15] - '0');
  const int second = (s[17] - '0') * 10 + (s[18] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return false;
  }
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    size_t j = i + 1;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    if (j == i + 1) return false;
    i = j;
  }
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) return i + 1 == s.size();
  return i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && Digits(s, i + 1, 2) &&
         s[i + 3] == ':' && Digits(s, i + 4, 2);
}

Result<Post> ParsePostWithNlohmann(std::string_view line, std::string* id_out) {
  if (Status st = CheckLine(line); !st.ok()) return st;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidArgument("not JSON: syntax error at byte " + std::to_string(e.byte));
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
