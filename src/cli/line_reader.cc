#include "cli/line_reader.h"

#include <cstring>

namespace jianmei::cli {

bool LineReader::Fill() {
  if (eof_) return false;
  in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  end_ = static_cast<size_t>(in_.gcount());
  pos_ = 0;
  // A read error (a directory, a disk fault) ends the input too, but must not pass for its end.
  if (in_.bad()) failed_ = true;
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

bool LineReader::Next(std::string* line, size_t* length) {
  line->clear();
  *length = 0;
  bool any = false;
  char last = 0;  // the line's last byte, kept even when the line is cut at max_bytes
  for (;;) {
    if (pos_ == end_ && !Fill()) break;
    any = true;
    const char* start = buf_.data() + pos_;
    const void* nl = std::memchr(start, '\n', end_ - pos_);
    const size_t n = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : end_ - pos_;
    if (line->size() < max_bytes_) line->append(start, std::min(n, max_bytes_ - line->size()));
    if (n > 0) last = start[n - 1];
    *length += n;
    pos_ += n;
    if (nl) {
      ++pos_;
      break;
    }
  }
  if (!any) return false;
  if (last == '\r') {
    if (line->size() == *length) line->pop_back();
    --*length;
  }
  ++line_number_;
  return true;
}

}  // namespace jianmei::cli
