// The body of POST /api/v1/screen (doc/api.md): one post {"text":…} or a batch {"posts":[…]},
// with "store": true to keep the results. Pure parsing; no screening.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "image/image_limits.h"
#include "screen/post.h"

namespace jianmei::server {

struct ScreenRequest {
  std::vector<screen::Post> posts;
  bool batch = false;  // the body had "posts"; the answer is {"results":[…]}
  bool store = false;
};

struct RequestLimits {
  size_t max_batch = 1000;
  size_t max_text_bytes = 64 * 1024;
  size_t max_image_bytes = image::ImageLimits{}.max_bytes;  // decoded bytes of one image
};

// Each post is read by screen::ReadPost, as `scan` reads its lines; its `images` are base64
// strings (standard alphabet with padding, optionally as a data: URL), decoded here: an image
// that is not base64 or decodes to more than max_image_bytes gets its error, the post is kept. Errors name the field (e.g.
// `posts[3].text`) and what is wrong with it. Unknown fields are errors too, so that a misspelt
// "stroe" never silently drops a caller's intent.
Result<ScreenRequest> ParseScreenRequest(std::string_view body, const RequestLimits& limits);

}  // namespace jianmei::server
