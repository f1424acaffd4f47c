#include "server/screen_request.h"

#include <nlohmann/json.hpp>

#include "screen/post_reader.h"
#include "server/json_body.h"

namespace jianmei::server {
namespace {

using nlohmann::json;

constexpr std::string_view kStore[] = {"store"};

Result<screen::Post> ParsePost(const json& j, const std::string& where, const RequestLimits& limits,
                               bool top_level) {
  screen::PostReaderOptions options{.unknown_fields_are_errors = true,
                                    .max_text_bytes = limits.max_text_bytes};
  if (top_level) options.also_allowed = kStore;
  return screen::ReadPost(j, where, options);
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
