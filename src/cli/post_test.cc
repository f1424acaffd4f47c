#include "cli/post.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace jianmei::cli {
namespace {

using ::testing::HasSubstr;

Status Error(std::string_view line, std::string* id = nullptr) {
  std::string scratch;
  auto p = ParsePost(line, id ? id : &scratch);
  EXPECT_FALSE(p.ok()) << line;
  return p.status();
}

TEST(ParsePost, ReadsAllContractFields) {
  std::string id;
  auto p = ParsePost(R"({"id":"p1","text":"小腿","author":"a","platform":"x","url":"u",)"
                     R"("posted_at":"2021-07-12T08:00:00+08:00"})", &id);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->id, "p1");
  EXPECT_EQ(p->text, "小腿");
  EXPECT_EQ(p->posted_at, "2021-07-12T08:00:00+08:00");
  EXPECT_TRUE(p->warnings.empty());
}

TEST(ParsePost, IntegerIdAndUnknownFieldsAreKeptAndReported) {
  std::string id;
  auto p = ParsePost(R"({"id":7,"text":"x","likes":3})", &id);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->id, "7");
  ASSERT_EQ(p->warnings.size(), 1u);
  EXPECT_EQ(p->warnings[0], "unknown field \"likes\" ignored");
}

TEST(ParsePost, EachKindOfBadLineSaysWhy) {
  EXPECT_THAT(Error("").message(), HasSubstr("empty line"));
  EXPECT_THAT(Error("{\"text\":\"\xFF\"}").message(), HasSubstr("invalid UTF-8 at byte 9"));
  EXPECT_THAT(Error("not json").message(), HasSubstr("not JSON: syntax error at byte 2"));
  EXPECT_THAT(Error("[1,2]").message(), HasSubstr("not a JSON object"));
  EXPECT_THAT(Error(R"({"text":"x","n":66666666e6664})").message(), HasSubstr("number overflow"));
  std::string id;
  EXPECT_THAT(Error(R"({"id":"p9","body":"x"})", &id).message(),
              HasSubstr("missing required field \"text\""));
  EXPECT_EQ(id, "p9");
  EXPECT_THAT(Error(R"({"text":5})").message(), HasSubstr("\"text\" must be a string"));
  EXPECT_THAT(Error(R"({"text":"x","id":[1]})").message(), HasSubstr("\"id\" must be"));
  EXPECT_THAT(Error(R"({"text":"x","posted_at":"yesterday"})").message(),
              HasSubstr("not an RFC 3339"));
}

TEST(Rfc3339, AcceptsAndRejects) {
  EXPECT_TRUE(IsRfc3339("2021-07-26T00:00:00Z"));
  EXPECT_TRUE(IsRfc3339("2021-07-26T23:59:60.123-05:00"));
  EXPECT_FALSE(IsRfc3339("2021-13-26T00:00:00Z"));
  EXPECT_FALSE(IsRfc3339("2021-07-26"));
  EXPECT_FALSE(IsRfc3339("2021-07-26T00:00:00"));
  EXPECT_FALSE(IsRfc3339("2021-07-26T00:00:00+0800"));
}

}  // namespace
}  // namespace jianmei::cli
