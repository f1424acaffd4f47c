#include "cli/line_reader.h"

#include <gtest/gtest.h>

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

TEST(LineReader, EmptyInputHasNoLines) {
  std::istringstream in("");
  LineReader r(in, 10);
  std::string line;
  size_t len;
  EXPECT_FALSE(r.Next(&line, &len));
}

}  // namespace
}  // namespace jianmei::cli
