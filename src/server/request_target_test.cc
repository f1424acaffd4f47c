#include "server/request_target.h"

#include <gtest/gtest.h>

namespace jianmei::server {
namespace {

TEST(RequestTarget, SplitsPathAndDecodesQuery) {
  auto t = ParseRequestTarget("/api/v1/procedures?q=%E7%98%A6+%E8%84%B8&top=5&flag#frag");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->path, "/api/v1/procedures");
  EXPECT_EQ(t->params.find("q")->second, "瘦 脸");
  EXPECT_EQ(t->params.find("top")->second, "5");
  EXPECT_EQ(t->params.count("flag"), 1u);
  EXPECT_EQ(t->params.count("frag"), 0u);
}

TEST(RequestTarget, PlusStaysPlusInThePathAndBytesAreKeptAsSent) {
  auto t = ParseRequestTarget("/a+b/%2e%2e?q=%FF");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/a+b/..");
  EXPECT_EQ(t->params.find("q")->second, "\xFF") << "UTF-8 is each endpoint's check";
}

TEST(RequestTarget, RefusesOtherFormsAndBadEscapes) {
  EXPECT_FALSE(ParseRequestTarget("http://example.com/").ok());
  EXPECT_FALSE(ParseRequestTarget("").ok());
  EXPECT_NE(ParseRequestTarget("/a%zz").status().message().find("two hex digits"), std::string::npos);
  EXPECT_FALSE(ParseRequestTarget("/a?q=%4").ok());
  EXPECT_TRUE(ParseRequestTarget("*").ok());
}

}  // namespace
}  // namespace jianmei::server
