#include "cli/line_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace jianmei::cli {
namespace {

TEST(LineReader, SplitsLinesAndStripsCarriageReturn) {
  std::istringstream in("a\r\nbb\n\nlast");
  LineReader r(in, 100);
  std::string line;
  size_t len;
  std::vector<std::string> got;
  while (r.Next(&line, &len)) got.push_back(line);
  EXPECT_EQ(got, (std::vector<std::string>{"a", "bb", "", "last"}));
  EXPECT_EQ(r.line_number(), 4u);
}

TEST(LineReader, HugeLineIsTruncatedButMeasuredAndTheNextLineSurvives) {
  std::string huge(10 * 1024 * 1024, 'x');  // 10 MB, larger than the reader's buffer
  std::istringstream in(huge + "\nnext\n");
  LineReader r(in, 1000);
  std::string line;
  size_t len;
  ASSERT_TRUE(r.Next(&line, &len));
  EXPECT_EQ(len, huge.size());
  EXPECT_EQ(line.size(), 1000u);
  ASSERT_TRUE(r.Next(&line, &len));
  EXPECT_EQ(line, "next");
  EXPECT_EQ(r.line_number(), 2u);
  EXPECT_FALSE(r.Next(&line, &len));
}

// The limit is on the line without its "\r\n": a CRLF file's line of exactly the limit fits.
TEST(LineReader, CarriageReturnDoesNotCountAgainstTheLimit) {
  std::istringstream in("abcde\r\nabcdef\r\n");
  LineReader r(in, 5);
  std::string line;
  size_t len;
  ASSERT_TRUE(r.Next(&line, &len));
  EXPECT_EQ(line, "abcde");
  EXPECT_EQ(len, 5u);
  ASSERT_TRUE(r.Next(&line, &len));
  EXPECT_EQ(len, 6u);
  EXPECT_EQ(line, "abcde");
}

TEST(LineReader, AReadErrorIsNotTheEndOfInput) {
  std::ifstream dir(JIANMEI_SOURCE_DIR "/src", std::ios::binary);  // opens, but cannot be read
  ASSERT_TRUE(dir.is_open());
  LineReader r(dir, 10);
  std::string line;
  size_t len;
  EXPECT_FALSE(r.Next(&line, &len));
  EXPECT_TRUE(r.failed());
  std::istringstream ok("a\n");
  LineReader fine(ok, 10);
  while (fine.Next(&line, &len)) {
  }
  EXPECT_FALSE(fine.failed());
}

TEST(LineReader, EmptyInputHasNoLines) {
  std::istringstream in("");
  LineReader r(in, 10);
  std::string line;
  size_t len;
  EXPECT_FALSE(r.Next(&line, &len));
}

}  // namespace
}  // namespace jianmei::cli
