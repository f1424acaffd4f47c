#include "server/qualify_request.h"

#include <gtest/gtest.h>

namespace jianmei::server {
namespace {

TEST(QualifyRequest, ReadsTheThreeFields) {
  auto r = ParseQualifyRequest(R"({"institution":"某医美门诊部","procedure":"瘦腿针","date":"2026-03-01"})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->institution, "某医美门诊部");
  EXPECT_EQ(r->procedure, "瘦腿针");
  EXPECT_EQ(r->date, "2026-03-01");
  auto no_date = ParseQualifyRequest(R"({"institution":"x","procedure":"y","date":null})");
  ASSERT_TRUE(no_date.ok());
  EXPECT_TRUE(no_date->date.empty());
}

TEST(QualifyRequest, ErrorsNameTheField) {
  auto message = [](std::string_view body) {
    auto r = ParseQualifyRequest(body);
    EXPECT_FALSE(r.ok()) << body;
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_EQ(message(R"({"procedure":"y"})"), "institution: missing or empty (required)");
  EXPECT_EQ(message(R"({"institution":"x","procedure":""})"), "procedure: missing or empty (required)");
  EXPECT_EQ(message(R"({"institution":5,"procedure":"y"})"), "institution: must be a string");
  EXPECT_EQ(message(R"({"institution":"x","procedure":"y","when":"today"})"), "when: unknown field");
  EXPECT_EQ(message(R"({"institution":"x","procedure":"y","date":20260301})"), "date: must be a string");
  EXPECT_EQ(message(R"(["x"])"), "body: must be a JSON object");
  EXPECT_EQ(message(R"({"institution":)"), "body: not JSON: syntax error at byte 15");
  EXPECT_EQ(message("{\"institution\":\"\xc3\"}"), "body: invalid UTF-8 at byte 16");
  EXPECT_EQ(message(R"({"institution":")" + std::string(201, 'a') + R"(","procedure":"y"})"),
            "institution: longer than 200 bytes");
}

}  // namespace
}  // namespace jianmei::server
