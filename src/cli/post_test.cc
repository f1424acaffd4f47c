#include "cli/post.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/utf8.h"

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
  EXPECT_THAT(Error("not json").message(), HasSubstr("not JSON: syntax error at byte 1"));
  EXPECT_THAT(Error("[1,2]").message(), HasSubstr("not a JSON object"));
  EXPECT_THAT(Error(R"({"text":"x","n":66666666e6664})").message(), HasSubstr("number overflow"));
  std::string id;
  EXPECT_THAT(Error(R"({"id":"p9","body":"x"})", &id).message(),
              HasSubstr("text: missing (required)"));
  EXPECT_EQ(id, "p9");
  EXPECT_THAT(Error(R"({"text":5})").message(), HasSubstr("text: must be a string"));
  EXPECT_THAT(Error(R"({"text":"x","id":[1]})").message(), HasSubstr("id: must be"));
  EXPECT_THAT(Error(R"({"text":"x","posted_at":"yesterday"})").message(),
              HasSubstr("not an RFC 3339"));
}

// The simdjson fast path must say exactly what the nlohmann reference says, on the common
// record and on every odd one it hands back.
TEST(ParsePost, FastPathAgreesWithTheNlohmannReference) {
  const std::string lines[] = {
      R"({"text":"小腿阻断"})",
      R"({"id":"p1","text":"小腿","author":null,"platform":"x","url":"u","posted_at":null})",
      R"({"text":"\u5c0f\u817f \ud83d\udc89 \" \\ \n"})",
      R"({"zeta":1,"text":"x","alpha":{"a":[1,2]},"mid":"m"})",    // unknown fields, key order
      R"({"text":"x","n":1,"n":2})",                              // a repeated unknown key
      R"({"text":"first","text":"second"})",                      // a repeated field
      R"({"id":7,"text":"x"})", R"({"id":-0,"text":"x"})", R"({"id":1.5,"text":"x"})",
      R"({"id":18446744073709551616,"text":"x"})",
      R"({"text":"\udc00"})", R"({"text":"\ud800x"})", R"({"text":"x","k":"\udc00"})",
      R"({"text":"x","n":1e999})", R"({"text":"x","n":123456789012345678901234567890})",
      "\xEF\xBB\xBF{\"text\":\"bom\"}", "{\"text\":\"x\"}  \r", R"({"text":"x"} x)",
      R"({"text":"x","posted_at":"yesterday"})", R"({"text":"x","posted_at":5})",
      R"({"text":"x","author_kind":"institution","channel":"ad","institution":"某诊所"})",
      R"({"text":"x","author_kind":"clinic"})", R"({"text":"x","channel":"tv"})",
      R"({"text":"x","channel":null,"author_kind":7})",
      R"({"id":"p9","body":"x"})", R"({"text":null})", R"({"id":null,"text":"x"})",
      std::string(2000, '[') + std::string(2000, ']'),
      "{\"text\":\"a\tb\"}", R"({"te\u0078t":"escaped key"})", "{}", "[]", "\"text\"",
  };
  for (const std::string& line : lines) {
    std::string fast_id, ref_id;
    auto fast = ParsePost(line, &fast_id);
    auto ref = ParsePostWithNlohmann(line, &ref_id);
    ASSERT_EQ(fast.ok(), ref.ok()) << line << ": " << ref.status().ToString();
    EXPECT_EQ(fast_id, ref_id) << line;
    if (!ref.ok()) {
      EXPECT_EQ(fast.status().ToString(), ref.status().ToString()) << line;
      continue;
    }
    EXPECT_EQ(fast->text, ref->text) << line;
    EXPECT_EQ(fast->id, ref->id) << line;
    EXPECT_EQ(fast->has_id, ref->has_id) << line;
    EXPECT_EQ(fast->author, ref->author) << line;
    EXPECT_EQ(fast->platform, ref->platform) << line;
    EXPECT_EQ(fast->url, ref->url) << line;
    EXPECT_EQ(fast->posted_at, ref->posted_at) << line;
    EXPECT_EQ(fast->warnings, ref->warnings) << line;
    EXPECT_EQ(fast->institution, ref->institution) << line;
    EXPECT_EQ(fast->caller.author_kind, ref->caller.author_kind) << line;
    EXPECT_EQ(fast->caller.channel, ref->caller.channel) << line;
  }
}

// The caller's context (design doc §4): known values set it, others are errors naming the field.
TEST(ParsePost, AuthorKindChannelAndInstitution) {
  std::string id;
  auto p = ParsePost(R"({"text":"x","author_kind":"institution","channel":"ad","institution":"某诊所"})", &id);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->caller.author_kind, screen::AuthorKind::kInstitution);
  EXPECT_EQ(p->caller.channel, screen::Channel::kAd);
  EXPECT_EQ(p->institution, "某诊所");
  EXPECT_TRUE(p->warnings.empty());
  EXPECT_EQ(Error(R"({"text":"x","author_kind":"clinic"})").message(),
            "author_kind: \"clinic\" is not institution, individual or unknown");
  EXPECT_EQ(Error(R"({"id":"q","text":"x","channel":"tv"})", &id).message(),
            "channel: \"tv\" is not ad, post, comment, news or unknown");
  EXPECT_EQ(id, "q");
}

// posted_at is checked by ParseRfc3339 (core/rfc3339_test.cc); what the post reader adds
// is the message, which quotes the value cut on a character boundary (a cut inside 上 made
// the error record invalid UTF-8, and nlohmann threw while writing it).
TEST(Post, BadPostedAtIsAnErrorThatQuotesItsStart) {
  std::string id;
  auto p = ParsePost(R"({"id":"a","text":"x","posted_at":"2021-02-30T10:00:00Z"})", &id);
  ASSERT_FALSE(p.ok());
  EXPECT_THAT(p.status().message(), HasSubstr("\"2021-02-30T10:00:00Z\""));
  const std::string value =
      "2021-07-26 上午十点左右发布的帖子内容";  // 40 bytes end inside 帖 (11 + 9×3 = 38)
  p = ParsePost(R"({"id":"a","text":"x","posted_at":")" + value + "\"}", &id);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(utf8::FindInvalid(p.status().message()), std::string_view::npos);
  EXPECT_THAT(p.status().message(), HasSubstr("\"2021-07-26 上午十点左右发布的\""));
  EXPECT_EQ(
      ParsePost(R"({"text":"x","posted_at":"2024-02-29T10:00:00+08:00"})", &id).status().message(),
      "");
}

TEST(Post, AnUnknownKeyIsQuotedInWholeCharacters) {
  std::string id;
  auto p = ParsePost(R"({"text":"x",")" + std::string(63, 'k') + "中\":1}", &id);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->warnings.size(), 1u);
  EXPECT_EQ(p->warnings[0], "unknown field \"" + std::string(63, 'k') + "\" ignored");
}

}  // namespace
}  // namespace jianmei::cli
