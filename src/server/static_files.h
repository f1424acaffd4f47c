// StaticFiles: the web UI's files under URL prefixes (mount points), for GET and HEAD, with at
// most one byte range (RFC 9110 §14). Paths that climb out of a mount ("..") are never served.
// Immutable after the mounts are added; Serve is thread-safe.
#pragma once

#include <string>
#include <vector>

#include "server/http_message.h"

namespace jianmei::server {

class StaticFiles {
 public:
  // Serves files from directory `dir` under URL prefix `prefix` ("/" or "/vendor/echarts");
  // mounts are tried in the order added. False when `dir` is not a directory.
  bool Mount(std::string prefix, std::string dir);
  // Answers when a mount holds the file the path names (index.html for a directory); false
  // when none does (the caller answers 404).
  bool Serve(const Request& req, Response& res) const;

 private:
  struct MountPoint {
    std::string prefix, dir;
  };
  std::vector<MountPoint> mounts_;
};

// The Content-Type for a file name, by its extension.
std::string ContentTypeFor(const std::string& path);

// Counts the ranges of a Range header value ("bytes=0-9,20-" has 2); 0 when there is none.
size_t RangeCount(const std::string& range_header);

}  // namespace jianmei::server
