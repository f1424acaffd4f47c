// Post: one text to screen and what its sender tells about it — the input record of `scan`,
// `eval` and POST /api/v1/screen (design doc §4). A plain value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "screen/report.h"

namespace jianmei::screen {

// An image of the post (input field `images`): its bytes, read by the front door (a file for
// `scan`, base64 data for the API), or why they could not be read.
struct PostImage {
  std::string name;   // the path as given (scan) or "images[i]" (API): how errors name it
  std::string bytes;  // the encoded image
  std::string error;  // not empty: the image could not be read; `bytes` is then empty
};

struct Post {
  std::string id, text, author, platform, url, posted_at, institution;
  bool has_id = false;
  CallerContext caller;               // author_kind, channel
  std::vector<std::string> warnings;  // e.g. unknown fields that were ignored
  std::vector<PostImage> images;      // screened with the text (pipeline.h)
};

// The input fields every front door reads, in key order.
inline constexpr std::string_view kPostFields[] = {
    "author", "author_kind", "channel", "id",  "institution",
    "platform", "posted_at", "text",    "url"};

}  // namespace jianmei::screen
