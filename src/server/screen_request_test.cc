#include "server/screen_request.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace jianmei::server {
namespace {

TEST(ScreenRequest, OnePostWithEveryField) {
  auto r = ParseScreenRequest(
      R"({"id":3,"text":"小腿阻断","author":"a","platform":"weibo","url":"https://x.example/1",)"
      R"("posted_at":"2026-01-01T08:00:00+08:00","institution":"某诊所","store":true})",
      {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->batch);
  EXPECT_TRUE(r->store);
  ASSERT_EQ(r->posts.size(), 1u);
  const screen::Post& p = r->posts[0];
  EXPECT_TRUE(p.has_id);
  EXPECT_EQ(p.id, "3");
  EXPECT_EQ(p.text, "小腿阻断");
  EXPECT_EQ(p.institution, "某诊所");
  EXPECT_EQ(p.posted_at, "2026-01-01T08:00:00+08:00");
}

TEST(ScreenRequest, CallerContext) {
  auto r = ParseScreenRequest(R"({"text":"x","author_kind":"institution","channel":"ad"})", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->posts[0].caller.author_kind, screen::AuthorKind::kInstitution);
  EXPECT_EQ(r->posts[0].caller.channel, screen::Channel::kAd);
}

TEST(ScreenRequest, BatchKeepsOrderAndNullOptionalFields) {
  auto r = ParseScreenRequest(R"({"posts":[{"text":"a","author":null},{"text":"b"}]})", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->batch);
  EXPECT_FALSE(r->store);
  ASSERT_EQ(r->posts.size(), 2u);
  EXPECT_EQ(r->posts[1].text, "b");
  EXPECT_FALSE(r->posts[0].has_id);
}

TEST(ScreenRequest, ErrorsNameTheField) {
  struct Case {
    const char* body;
    const char* message;
  } cases[] = {
      {R"({"text":null})", "text: must be a string"},
      {R"({"posts":[{"text":"a"}],"text":"b"})", "text: give either"},
      {R"({"posts":[{"text":"a"}],"extra":1})", "extra: unknown field"},
      {R"({"posts":[{"text":"a"},3]})", "posts[1]: must be a JSON object"},
      {R"({"posts":[{"text":"a","store":true}]})", "posts[0].store: unknown field"},
      {R"({"posts":[{"id":"x"}]})", "posts[0].text: missing"},
      {R"({"text":"a","url":[]})", "url: must be a string"},
      {R"({"text":"a","posted_at":"2026-13-01T00:00:00Z"})", "posted_at: not an RFC 3339"},
      {R"({"posts":[{"text":"a","author_kind":"shop"}]})", "posts[0].author_kind: \"shop\" is not"},
      {R"({"text":"a","channel":"radio"})", "channel: \"radio\" is not ad, post"},
      {"\"text\"", "body: must be a JSON object"},
      {"{\"text\":\"a\"} x", "body: not JSON"},
  };
  for (const Case& c : cases) {
    auto r = ParseScreenRequest(c.body, {});
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_NE(r.status().message().find(c.message), std::string::npos)
        << c.body << " → " << r.status().message();
  }
}

// Both errors count bytes from 0: a bad byte and a syntax error at the same place agree.
TEST(ScreenRequest, ErrorPositionsCountBytesFromZero) {
  auto syntax = ParseScreenRequest(R"({"text":x})", {});
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.status().message(), "body: not JSON: syntax error at byte 8");
  auto utf8 = ParseScreenRequest("{\"text\":\xff}", {});
  ASSERT_FALSE(utf8.ok());
  EXPECT_EQ(utf8.status().message(), "body: invalid UTF-8 at byte 8");
}

TEST(ScreenRequest, EnforcesBatchAndTextLimits) {
  RequestLimits limits{.max_batch = 2, .max_text_bytes = 4};
  EXPECT_TRUE(ParseScreenRequest(R"({"posts":[{"text":"abcd"},{"text":"b"}]})", limits).ok());
  auto batch = ParseScreenRequest(R"({"posts":[{"text":"a"},{"text":"b"},{"text":"c"}]})", limits);
  ASSERT_FALSE(batch.ok());
  EXPECT_NE(batch.status().message().find("3 posts, more than the limit of 2"), std::string::npos);
  auto text = ParseScreenRequest(R"({"text":"abcde"})", limits);
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.status().message().find("text: 5 bytes"), std::string::npos);
}

}  // namespace
}  // namespace jianmei::server

namespace jianmei::server {
namespace {

TEST(ScreenRequestImages, Base64AndDataUrlsAreDecoded) {
  // "\x89PNG" is iVBORw==; "abc" is YWJj.
  auto r = ParseScreenRequest(R"({"text":"x","images":["iVBORw==","data:image/png;base64,YWJj"]})", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& images = r->posts[0].images;
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images[0].name, "images[0]");
  EXPECT_EQ(images[0].bytes, "\x89PNG");
  EXPECT_TRUE(images[0].error.empty());
  EXPECT_EQ(images[1].name, "images[1]");
  EXPECT_EQ(images[1].bytes, "abc");
}

TEST(ScreenRequestImages, ABadImageIsAnErrorOfThatImageAndThePostIsKept) {
  RequestLimits limits;
  limits.max_image_bytes = 6;
  auto r = ParseScreenRequest(
      R"({"posts":[{"text":"x","images":["not base64!","YWJjZGVmZ2hp","data:image/png,abc","YWJj"]}]})", limits);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& images = r->posts[0].images;
  ASSERT_EQ(images.size(), 4u);
  EXPECT_THAT(images[0].error, ::testing::HasSubstr("not base64"));
  EXPECT_THAT(images[1].error, ::testing::HasSubstr("more than the limit of 6 (max_image_bytes)"));
  EXPECT_EQ(images[2].error, "a data: URL must be base64 (data:…;base64,…)");
  EXPECT_TRUE(images[3].error.empty());
  for (const auto& image : images) EXPECT_TRUE(image.error.empty() || image.bytes.empty());
}

TEST(ScreenRequestImages, ImagesMustBeAnArrayOfStrings) {
  auto r = ParseScreenRequest(R"({"text":"x","images":"YWJj"})", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "images: must be an array of base64 strings");
  r = ParseScreenRequest(R"({"posts":[{"text":"x","images":["YWJj",1]}]})", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "posts[0].images[1]: must be a string");
}

}  // namespace
}  // namespace jianmei::server
