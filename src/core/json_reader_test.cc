#include "core/json_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace jianmei {
namespace {

using namespace std::string_literals;
using ::testing::HasSubstr;

std::string Error(std::string_view text) {
  auto j = ReadJson(text, "line");
  EXPECT_FALSE(j.ok()) << text;
  return j.status().message();
}

TEST(ReadJson, ReadsWhatNlohmannReads) {
  const std::string texts[] = {
      R"({"a":1,"b":[1,2,{"c":null}],"d":{"e":"f"}})", "[]", "{}", "\"s\"", "-0.5e3", " true ",
      R"({"a":{"k":1},"b":{"k":2}})",  // the same key in different objects
      R"([{"k":1},{"k":2}])", std::string(3000, '[') + std::string(3000, ']'),
      R"({"te\u0078t":1,"text2":2})",
  };
  for (const std::string& t : texts) {
    auto j = ReadJson(t);
    ASSERT_TRUE(j.ok()) << t << ": " << j.status().ToString();
    EXPECT_EQ(*j, nlohmann::json::parse(t)) << t;
  }
}

TEST(ReadJson, ANulByteIsAnErrorWhereverItLies) {
  EXPECT_EQ(Error("{\"a\":1}\0x"s), "NUL byte at byte 7 (a line may not contain one)");
  EXPECT_EQ(Error("\0{}"s), "NUL byte at byte 0 (a line may not contain one)");
  EXPECT_THAT(Error("{\"a\":\"x\0y\"}"s), HasSubstr("NUL byte at byte 7"));
  auto escaped = ReadJson(R"({"a":"x\u0000y"})");
  ASSERT_TRUE(escaped.ok());
  EXPECT_EQ((*escaped)["a"].get<std::string>(), "x\0y"s);
}

TEST(ReadJson, AKeyGivenTwiceIsAnErrorNamingItsPathAndOffset) {
  EXPECT_EQ(Error(R"({"a":1,"a":"x"})"),
            "a: key given twice at byte 7 (each key may appear once per object)");
  EXPECT_THAT(Error(R"({"a":"x", "a":1})"), HasSubstr("a: key given twice at byte 10"));
  EXPECT_THAT(Error(R"({"p":[{"x":1},{"x":1,"y":{"z":[],"z":2}}]})"),
              HasSubstr("p[1].y.z: key given twice at byte 33"));
  EXPECT_THAT(Error(R"({"a":1.5e3,"a":2})"), HasSubstr("a: key given twice at byte 11"));
  EXPECT_THAT(Error(R"({"\u0061":1,"a":2})"), HasSubstr("a: key given twice at byte 12"));
}

TEST(ReadJson, ErrorsAreInOurWordsWithAShortPrefix) {
  EXPECT_EQ(Error("{\"a\":"), "not JSON: syntax error at byte 5");
  EXPECT_EQ(Error("1e999999"), "number 1e999999 at byte 0 is out of range (beyond a double's ±1.8e308)");
  EXPECT_EQ(Error(R"({"a":[1,-1e400]})"),
            "a[1]: number -1e400 at byte 8 is out of range (beyond a double's ±1.8e308)");
  const std::string m = Error(R"({"n":)" + std::string(100000, '7') + "}");
  EXPECT_EQ(m, "n: number " + std::string(32, '7') +
                   "… at byte 5 is out of range (beyond a double's ±1.8e308)");
  for (const std::string& t : {"{\"a\":1e999}"s, "[tru]"s, "{\"a\" 1}"s, "\"\\uZZZZ\""s}) {
    EXPECT_THAT(Error(t), ::testing::Not(HasSubstr("json.exception"))) << t;
  }
}

}  // namespace
}  // namespace jianmei
