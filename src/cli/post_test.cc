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
  EXPECT_THAT(Error(R"({"text":"x","n":66666666e6664})").message(),
              HasSubstr("n: number 66666666e6664 at byte 16 is out of range"));
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

// One rule for a NUL byte, in scan, eval and the API (doc/screening_output.md): a raw NUL is an
// error naming its offset, wherever it lies; never the end of the record (nlohmann reads '\0' as
// the end of its input, so `{"text":"a"}\0garbage` was a clean record). An escaped \u0000 in a
// string is data.
TEST(ParsePost, ANulByteIsAnErrorNamingItsOffsetNotTheEndOfTheLine) {
  using namespace std::string_literals;
  for (auto parse : {&ParsePost, &ParsePostWithNlohmann}) {
    std::string id;
    auto after = parse("{\"text\":\"a\"}\0garbage {{{"s, &id, {});
    ASSERT_FALSE(after.ok());
    EXPECT_EQ(after.status().message(), "NUL byte at byte 12 (a line may not contain one)");
    auto inside = parse("{\"text\":\"a\0b\"}"s, &id, {});
    ASSERT_FALSE(inside.ok());
    EXPECT_THAT(inside.status().message(), HasSubstr("NUL byte at byte 10"));
    auto escaped = parse(R"({"text":"a\u0000b"})", &id, {});
    ASSERT_TRUE(escaped.ok()) << escaped.status().ToString();
    EXPECT_EQ(escaped->text, "a\0b"s);
  }
}

// A key given twice is refused whatever the order of its values and wherever it lies, rather
// than the last value winning or a type check catching one order only.
TEST(ParsePost, AKeyGivenTwiceIsAnErrorInEitherOrder) {
  for (auto parse : {&ParsePost, &ParsePostWithNlohmann}) {
    std::string id;
    auto message = [&](std::string_view line) {
      auto p = parse(line, &id, {});
      EXPECT_FALSE(p.ok()) << line;
      return p.status().message();
    };
    EXPECT_EQ(message(R"({"text":1,"text":"a"})"),
              "text: key given twice at byte 10 (each key may appear once per object)");
    EXPECT_THAT(message(R"({"text":"a","text":1})"), HasSubstr("text: key given twice at byte 12"));
    EXPECT_THAT(message(R"({"text":"a","text":"b"})"), HasSubstr("text: key given twice"));
    EXPECT_THAT(message(R"({"text":"a","x":1,"x":2})"), HasSubstr("x: key given twice"));
    EXPECT_THAT(message(R"({"text":"a","x":[{"k":1,"k":2}]})"), HasSubstr("x[0].k: key given twice"));
  }
}

// Errors about numbers are in our words, name the field and offset, and quote at most a short
// prefix of the number (a 100,000-digit number was echoed whole into a 100 kB record).
TEST(ParsePost, AnOutOfRangeNumberIsNamedInOurWordsWithAShortPrefix) {
  for (auto parse : {&ParsePost, &ParsePostWithNlohmann}) {
    std::string id;
    auto p = parse(R"({"text":1e999999})", &id, {});
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.status().message(),
              "text: number 1e999999 at byte 8 is out of range (beyond a double's ±1.8e308)");
    const std::string digits(100000, '7');
    p = parse(R"({"text":"a","n":)" + digits + "}", &id, {});
    ASSERT_FALSE(p.ok());
    EXPECT_THAT(p.status().message(), HasSubstr("n: number 77777777777777777777777777777777… at byte 16"));
    EXPECT_LT(p.status().message().size(), 200u);
    EXPECT_THAT(p.status().message(), ::testing::Not(HasSubstr("json.exception")));
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
