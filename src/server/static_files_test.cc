#include "server/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/test_util.h"

namespace jianmei::server {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.path() + "/public/sub");
    std::ofstream(dir_.path() + "/public/index.html") << "<html>home</html>";
    std::ofstream(dir_.path() + "/public/app.js") << "0123456789";
    std::ofstream(dir_.path() + "/secret.txt") << "no";
    ASSERT_TRUE(files_.Mount("/", dir_.path() + "/public"));
  }
  Request Get(const std::string& path, const std::string& range = "") {
    Request r;
    r.method = "GET";
    r.path = path;
    if (!range.empty()) r.headers.Add("Range", range);
    return r;
  }
  store::TempDir dir_;
  StaticFiles files_;
};

TEST_F(StaticFilesTest, ServesFilesAndIndexWithTheirType) {
  Response res;
  ASSERT_TRUE(files_.Serve(Get("/"), res));
  EXPECT_EQ(res.body, "<html>home</html>");
  EXPECT_EQ(res.Header("Content-Type"), "text/html");
  Response js;
  ASSERT_TRUE(files_.Serve(Get("/app.js"), js));
  EXPECT_EQ(js.Header("Content-Type"), "text/javascript");
}

TEST_F(StaticFilesTest, NeverLeavesTheMount) {
  Response res;
  EXPECT_FALSE(files_.Serve(Get("/../secret.txt"), res));
  EXPECT_FALSE(files_.Serve(Get("/sub/../../secret.txt"), res));
  EXPECT_FALSE(files_.Serve(Get("/missing.js"), res));
  EXPECT_FALSE(StaticFiles().Mount("/", dir_.path() + "/nothing"));
}

TEST_F(StaticFilesTest, ServesOneRange) {
  Response res;
  ASSERT_TRUE(files_.Serve(Get("/app.js", "bytes=2-4"), res));
  EXPECT_EQ(res.status, 206);
  EXPECT_EQ(res.body, "234");
  EXPECT_EQ(res.Header("Content-Range"), "bytes 2-4/10");
  Response suffix;
  ASSERT_TRUE(files_.Serve(Get("/app.js", "bytes=-3"), suffix));
  EXPECT_EQ(suffix.body, "789");
  Response open;
  ASSERT_TRUE(files_.Serve(Get("/app.js", "bytes=8-"), open));
  EXPECT_EQ(open.body, "89");
  Response bad;
  ASSERT_TRUE(files_.Serve(Get("/app.js", "bytes=20-30"), bad));
  EXPECT_EQ(bad.status, 416);
  EXPECT_EQ(RangeCount("bytes=0-1,2-3,4-"), 3u);
  EXPECT_EQ(RangeCount(""), 0u);
}

}  // namespace
}  // namespace jianmei::server
