// `jianmei lookup NAME`: what a name means, printed for people.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "cli/app.h"
#include "cli/check_command.h"
#include "tests/test_screener.h"

namespace jianmei {
namespace {

using ::testing::HasSubstr;

std::string Lookup(const std::string& name, int* code) {
  std::ostringstream out;
  *code = cli::RunLookup(*testing::RepoScreener(), name, out);
  return out.str();
}

TEST(Lookup, ANameFoundThroughPinyinPrintsTheEntry) {
  int code = 0;
  const std::string out = Lookup("shuiguangzhen哪里打", &code);
  EXPECT_EQ(code, cli::kExitOk);
  EXPECT_THAT(out, HasSubstr("「shuiguangzhen」:\n正式名称: "));
  EXPECT_THAT(out, HasSubstr("透明质酸钠溶液"));
}

TEST(Lookup, NamesAndTextsAroundThem) {
  int code = 0;
  EXPECT_THAT(Lookup("瘦腿针", &code), HasSubstr("正式名称: A型肉毒毒素美容注射"));
  EXPECT_EQ(code, cli::kExitOk);
  EXPECT_THAT(Lookup("小腿阻断术多少钱", &code), HasSubstr("正式名称: 小腿神经离断瘦腿手术"));
  EXPECT_THAT(Lookup("除皱", &code), HasSubstr("「除皱」是含义不确定的叫法"));
  EXPECT_THAT(Lookup("这不是任何名字", &code), HasSubstr("未收录于知识库"));
  EXPECT_EQ(code, cli::kExitInputErrors);
}

// A product shows its maker, its registration number and its approved uses, or says that no
// source gives them: an unknown approval is never shown as none or as any.
TEST(Lookup, AProductShowsItsApprovedUsesAndRegistrationOrThatNoSourceGivesThem) {
  int code = 0;
  const std::string botox = Lookup("保妥适", &code);
  EXPECT_EQ(code, cli::kExitOk);
  EXPECT_THAT(botox, HasSubstr("生产企业: Allergan"));
  EXPECT_THAT(botox, HasSubstr("核准用途: 皱眉纹（眉间纹）"));
  EXPECT_THAT(botox, HasSubstr("注册证号: （知识库的来源没有给出）"));
  for (const char* name : {"热拉提", "黄金微针", "超皮秒", "伊妍仕"}) {
    const std::string out = Lookup(name, &code);
    EXPECT_EQ(code, cli::kExitOk) << name;
    EXPECT_THAT(out, HasSubstr("核准用途: （知识库的来源没有给出）")) << name;
  }
}

}  // namespace
}  // namespace jianmei
