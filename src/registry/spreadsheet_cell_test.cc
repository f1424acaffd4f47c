#include "registry/spreadsheet_cell.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jianmei::registry {
namespace {

TEST(SpreadsheetCell, KnownAnswers) {
  struct Case {
    std::string plain, written;
  };
  const std::vector<Case> cases = {
      {"=HYPERLINK(\"http://example.invalid\")", "'=HYPERLINK(\"http://example.invalid\")"},
      {"+cmd|' /C calc'!A1", "'+cmd|' /C calc'!A1"},
      {"-2+3", "'-2+3"},
      {"@SUM(1)", "'@SUM(1)"},
      {"\t=1", "'\t=1"},
      {"\r=1", "'\r=1"},
      {"'=1", "''=1"},       // already quoted: one quote more, so reading gives it back
      {"''@x", "'''@x"},
      {"'text", "'text"},    // a quote before text is left alone
      {"'", "'"},
      {"", ""},
      {"晨星医美", "晨星医美"},
      {"a=b", "a=b"},        // only the first character counts
      {" =1", " =1"},        // a space first: not a formula (OWASP lists no space)
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NeutraliseCell(c.plain), c.written) << c.plain;
    EXPECT_EQ(UnneutraliseCell(c.written), c.plain) << c.written;
  }
}

// Every string over a small alphabet up to length 4: writing never leaves a trigger first, and
// reading gives back what was written.
TEST(SpreadsheetCell, ReadingInvertsWritingForEveryShortString) {
  const std::string alphabet = "'=+-@\t\rax";
  std::vector<std::string> all = {""};
  for (size_t begin = 0, len = 0; len < 4; ++len) {
    const size_t end = all.size();
    for (size_t k = begin; k < end; ++k) {
      for (char c : alphabet) all.push_back(all[k] + c);
    }
    begin = end;
  }
  for (const std::string& s : all) {
    const std::string written = NeutraliseCell(s);
    ASSERT_EQ(UnneutraliseCell(written), s) << testing::PrintToString(s);
    ASSERT_TRUE(written.empty() || kFormulaTriggers.find(written[0]) == std::string::npos)
        << testing::PrintToString(s);
  }
}

}  // namespace
}  // namespace jianmei::registry
