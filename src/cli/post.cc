#include "cli/post.h"

#include <nlohmann/json.hpp>

#include <cctype>

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

Result<Post> ParsePost(std::string_view line, std::string* id_out) {
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
    return Status::InvalidArgument("empty line");
  }
  if (size_t bad = utf8::FindInvalid(line); bad != std::string_view::npos) {
    return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(bad));
  }
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
  if (!p.posted_at.empty() && !IsRfc3339(p.posted_at)) {
    return Status::InvalidArgument("field \"posted_at\" is not an RFC 3339 date-time: \"" +
                                   p.posted_at.substr(0, 40) + "\"");
  }
  for (const auto& [key, value] : j.items()) {
    if (key != "id" && key != "text" && key != "author" && key != "platform" && key != "url" &&
        key != "posted_at") {
      p.warnings.push_back("unknown field \"" + key.substr(0, 64) + "\" ignored");
    }
  }
  return p;
}

}  // namespace jianmei::cli
