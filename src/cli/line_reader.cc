#include "cli/line_reader.h"

#include <cstring>

namespace jianmei::cli {

bool LineReader::Fill() {
  if (eof_) return false;
  in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  end_ = static_cast<size_t>(in_.gcount());
  pos_ = 0;
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

bool LineReader::Next(std::string* line, size_t* length) {
  line->clear();
  *length = 0;
  bool any = false;
  for (;;) {
    if (pos_ == end_ && !Fill()) break;
    any = true;
    const char* start = buf_.data() + pos_;
    const void* nl = std::memchr(start, '\n', end_ - pos_);
    const size_t n = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : end_ - pos_;
    if (line->size() < max_bytes_) line->append(start, std::min(n, max_bytes_ - line->size()));
    *length += n;
    pos_ += n;
    if (nl) {
      ++pos_;
      break;
    }
  }
  if (!any) return false;
  if (*length > 0 && *length <= max_bytes_ && !line->empty() && line->back() == '\r') {
    line->pop_back();
    --*length;
  }
  ++line_number_;
  return true;
}

}  // namespace jianmei::cli
