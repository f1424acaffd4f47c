// LineReader: reads '\n'-terminated lines from a stream without ever holding more than
// max_bytes of one line in memory; longer lines are reported with their full length and
// truncated content. Not thread-safe; owns nothing but its buffer.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace jianmei::cli {

class LineReader {
 public:
  LineReader(std::istream& in, size_t max_bytes) : in_(in), max_bytes_(max_bytes), buf_(1 << 16) {}

  // Returns false at end of input. *length is the line's full length in bytes (without the
  // newline and a trailing '\r'); line holds at most max_bytes of it.
  bool Next(std::string* line, size_t* length);
  size_t line_number() const { return line_number_; }
  // Whether the input ended in a read error rather than at its end.
  bool failed() const { return failed_; }

 private:
  bool Fill();

  std::istream& in_;
  size_t max_bytes_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  size_t line_number_ = 0;
  bool eof_ = false;
  bool failed_ = false;
};

}  // namespace jianmei::cli
