#include "server/screen_request.h"

#include <nlohmann/json.hpp>

#include "core/rfc3339.h"
#include "server/json_body.h"

namespace jianmei::server {
namespace {

using nlohmann::json;

Result<ApiPost> ParsePost(const json& j, const std::string& where, const RequestLimits& limits,
                          bool top_level) {
  if (!j.is_object()) return BadField(where, "must be a JSON object");
  ApiPost p;
  for (const auto& [key, value] : j.items()) {
    const std::string field = where.empty() ? key : where + "." + key;
    if (key == "id") {
      if (value.is_string()) p.id = value.get<std::string>();
      else if (value.is_number_integer()) p.id = value.dump();
      else return BadField(field, "must be a string or an integer");
      p.has_id = true;
    } else if (key == "text" || key == "author" || key == "platform" || key == "url" ||
               key == "posted_at" || key == "institution") {
      if (value.is_null() && key != "text") continue;
      if (!value.is_string()) return BadField(field, "must be a string");
      std::string s = value.get<std::string>();
      if (key == "text") p.text = std::move(s);
      else if (key == "author") p.author = std::move(s);
      else if (key == "platform") p.platform = std::move(s);
      else if (key == "url") p.url = std::move(s);
      else if (key == "institution") p.institution = std::move(s);
      else p.posted_at = std::move(s);
    } else if (!(top_level && key == "store")) {
      return BadField(field.substr(0, 80), "unknown field");
    }
  }
  const std::string text_field = where.empty() ? "text" : where + ".text";
  if (!j.contains("text")) return BadField(text_field, "missing (required)");
  if (p.text.size() > limits.max_text_bytes) {
    return BadField(text_field, std::to_string(p.text.size()) + " bytes, more than the limit of " +
                               std::to_string(limits.max_text_bytes));
  }
  if (!p.posted_at.empty() && !ParseRfc3339(p.posted_at)) {
    return BadField(where.empty() ? "posted_at" : where + ".posted_at", "not an RFC 3339 date-time");
  }
  return p;
}

}  // namespace

Result<ScreenRequest> ParseScreenRequest(std::string_view body, const RequestLimits& limits) {
  auto parsed = ParseJsonObjectBody(body);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  ScreenRequest request;
  if (auto it = j.find("store"); it != j.end()) {
    if (!it->is_boolean()) return BadField("store", "must be true or false");
    request.store = it->get<bool>();
  }
  auto posts = j.find("posts");
  if (posts == j.end()) {
    auto post = ParsePost(j, "", limits, /*top_level=*/true);
    if (!post.ok()) return post.status();
    request.posts.push_back(std::move(*post));
    return request;
  }
  request.batch = true;
  for (const auto& [key, value] : j.items()) {
    if (key != "posts" && key != "store") {
      return BadField(key.substr(0, 80), key == "text" ? "give either \"text\" or \"posts\", not both"
                                                  : "unknown field");
    }
  }
  if (!posts->is_array()) return BadField("posts", "must be an array of post objects");
  if (posts->empty()) return BadField("posts", "is empty");
  if (posts->size() > limits.max_batch) {
    return BadField("posts", std::to_string(posts->size()) + " posts, more than the limit of " +
                            std::to_string(limits.max_batch));
  }
  request.posts.reserve(posts->size());
  for (size_t i = 0; i < posts->size(); ++i) {
    auto post = ParsePost((*posts)[i], "posts[" + std::to_string(i) + "]", limits, false);
    if (!post.ok()) return post.status();
    request.posts.push_back(std::move(*post));
  }
  return request;
}

}  // namespace jianmei::server
