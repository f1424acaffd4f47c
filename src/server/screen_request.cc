#include "server/screen_request.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "evidence/hash.h"
#include "screen/post_reader.h"
#include "server/json_body.h"

namespace jianmei::server {
namespace {

using nlohmann::json;

constexpr std::string_view kStore[] = {"store"};

// image.bytes holds the base64 as given; replaces it with what it decodes to, or sets the error.
void DecodeImageData(const RequestLimits& limits, screen::PostImage* image) {
  std::string_view data = image->bytes;
  // A data: URL, as a browser's FileReader gives it: its media type is not trusted, the bytes are.
  if (data.starts_with("data:")) {
    const size_t comma = data.find(',');
    const std::string_view head = data.substr(0, comma);
    if (comma == std::string_view::npos || !head.ends_with(";base64")) {
      image->error = "a data: URL must be base64 (data:…;base64,…)";
      image->bytes.clear();
      return;
    }
    data.remove_prefix(comma + 1);
  }
  // Refused before decoding: base64 is 4 bytes for every 3.
  if (data.size() / 4 * 3 > limits.max_image_bytes + 2) {
    image->error = fmt::format("about {} bytes of base64-encoded image, more than the limit of {} (max_image_bytes)",
                               data.size() / 4 * 3, limits.max_image_bytes);
    image->bytes.clear();
    return;
  }
  auto decoded = evidence::Base64Decode(data);
  if (!decoded.ok()) {
    image->error = "not base64: " + decoded.status().message();
    image->bytes.clear();
    return;
  }
  image->bytes = std::move(*decoded);
}

Result<screen::Post> ParsePost(const json& j, const std::string& where, const RequestLimits& limits,
                               bool top_level) {
  screen::PostReaderOptions options{.unknown_fields_are_errors = true,
                                    .max_text_bytes = limits.max_text_bytes,
                                    .images = screen::ImageField::kBase64};
  if (top_level) options.also_allowed = kStore;
  auto post = screen::ReadPost(j, where, options);
  if (post.ok()) {
    for (screen::PostImage& image : post->images) DecodeImageData(limits, &image);
  }
  return post;
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
