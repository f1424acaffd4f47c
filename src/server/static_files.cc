#include "server/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/http_json.h"

namespace jianmei::server {
namespace {

// Whether a decoded URL path below a mount stays inside it: no "..", no NUL, no backslash.
bool SafeRelativePath(const std::string& rel) {
  if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) return false;
  size_t at = 0;
  while (at <= rel.size()) {
    const size_t slash = rel.find('/', at);
    const std::string segment = rel.substr(at, slash == std::string::npos ? std::string::npos : slash - at);
    if (segment == "..") return false;
    if (slash == std::string::npos) break;
    at = slash + 1;
  }
  return true;
}

// One range "bytes=first-last", "bytes=first-" or "bytes=-suffix" of a file of `size` bytes;
// false when it cannot be satisfied.
bool ParseRange(const std::string& header, size_t size, size_t* begin, size_t* end) {
  if (!header.starts_with("bytes=")) return false;
  const std::string spec = header.substr(6);
  const size_t dash = spec.find('-');
  if (dash == std::string::npos) return false;
  const std::string a = spec.substr(0, dash), b = spec.substr(dash + 1);
  const auto digits = [](const std::string& s) {
    return !s.empty() && s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (a.empty()) {
    if (!digits(b) || size == 0) return false;
    const size_t suffix = std::min<size_t>(std::stoull(b), size);
    if (suffix == 0) return false;
    *begin = size - suffix;
    *end = size;
    return true;
  }
  if (!digits(a) || (!b.empty() && !digits(b))) return false;
  const size_t first = std::stoull(a);
  size_t last = b.empty() ? size - 1 : std::min<size_t>(std::stoull(b), size - 1);
  if (size == 0 || first >= size || last < first) return false;
  *begin = first;
  *end = last + 1;
  return true;
}

}  // namespace

std::string ContentTypeFor(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".html" || ext == ".htm") return "text/html";
  if (ext == ".js" || ext == ".mjs") return "text/javascript";
  if (ext == ".css") return "text/css";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain";
  return "application/octet-stream";
}

size_t RangeCount(const std::string& range_header) {
  if (range_header.empty()) return 0;
  size_t n = 1;
  for (char c : range_header) n += c == ',';
  return n;
}

bool StaticFiles::Mount(std::string prefix, std::string dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return false;
  if (prefix.empty() || prefix.back() != '/') prefix += '/';
  mounts_.push_back({std::move(prefix), std::move(dir)});
  return true;
}

bool StaticFiles::Serve(const Request& req, Response& res) const {
  if (req.method != "GET" && req.method != "HEAD") return false;
  for (const MountPoint& m : mounts_) {
    // "/vendor/echarts" itself names the mount's directory, like "/vendor/echarts/".
    const std::string path = req.path + (req.path.size() + 1 == m.prefix.size() ? "/" : "");
    if (!path.starts_with(m.prefix)) continue;
    std::string rel = path.substr(m.prefix.size());
    if (!SafeRelativePath(rel)) return false;
    std::error_code ec;
    std::string file = m.dir + "/" + rel;
    if (std::filesystem::is_directory(file, ec)) file += (file.back() == '/' ? "" : "/") + std::string("index.html");
    if (!std::filesystem::is_regular_file(file, ec)) continue;
    std::ifstream in(file, std::ios::binary);
    if (!in) continue;
    std::ostringstream content;
    content << in.rdbuf();
    std::string body = std::move(content).str();
    const std::string range = req.Header("Range");
    if (!range.empty()) {
      size_t begin = 0, end = 0;
      if (!ParseRange(range, body.size(), &begin, &end)) {
        res.SetHeader("Content-Range", "bytes */" + std::to_string(body.size()));
        SendError(res, 416, "range_not_satisfiable",
                  "Range: cannot be satisfied for a file of " + std::to_string(body.size()) + " bytes");
        return true;
      }
      res.status = 206;
      res.SetHeader("Content-Range", "bytes " + std::to_string(begin) + "-" + std::to_string(end - 1) +
                                         "/" + std::to_string(body.size()));
      body = body.substr(begin, end - begin);
    } else {
      res.status = 200;
    }
    res.SetHeader("Accept-Ranges", "bytes");
    res.SetContent(std::move(body), ContentTypeFor(file));
    return true;
  }
  return false;
}

}  // namespace jianmei::server
