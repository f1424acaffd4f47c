#include "campaign/handles.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "text/normalizer.h"

namespace jianmei::campaign {
namespace {

std::vector<Handle> Of(std::string_view s) {
  static auto n = text::Normalizer::Create();
  return ExtractHandles((*n)->Normalize(s, kCampaignFolding));
}

bool Has(const std::vector<Handle>& hs, HandleKind k, std::string_view v) {
  for (const Handle& h : hs) {
    if (h.kind == k && h.value == v) return true;
  }
  return false;
}

TEST(Handles, ContactsSurviveSpacingWidthAndCase) {
  auto hs = Of("预约加ｖ：Mei_Mei2021 或电话 138 0013 8000，扣扣 12345678");
  EXPECT_TRUE(Has(hs, HandleKind::kWechat, "meimei2021"));  // the normaliser drops '_' 
  EXPECT_TRUE(Has(hs, HandleKind::kPhone, "13800138000"));
  EXPECT_TRUE(Has(hs, HandleKind::kQq, "12345678"));
  EXPECT_EQ(hs.size(), 3u);
}

TEST(Handles, DigitRunsThatAreNotPhonesAreIgnored) {
  EXPECT_TRUE(Of("订单号 213800138000 和 1380013800 以及价格12800元").empty());
  EXPECT_TRUE(Has(Of("电话13912345678"), HandleKind::kPhone, "13912345678"));
  EXPECT_TRUE(Of("电话12912345678").empty());  // second digit must be 3–9
}

TEST(Handles, WechatIdsMustStartWithALetterAndBeSixToTwentyLong) {
  EXPECT_TRUE(Of("微信 abc").empty());
  EXPECT_TRUE(Of("vx 123456789").empty());
  EXPECT_TRUE(Has(Of("vx号：beauty88"), HandleKind::kWechat, "beauty88"));
}

TEST(Handles, InstitutionAndDoctorNames) {
  auto hs = Of("我在虚构丽人医疗美容诊所做的，王医生技术很好。");
  EXPECT_TRUE(Has(hs, HandleKind::kInstitution, "虚构丽人医疗美容诊所"));
  EXPECT_TRUE(Has(hs, HandleKind::kDoctor, "王医生"));
  EXPECT_EQ(hs.size(), 2u);
  // Cut after 去, bounded by the clause.
  auto hs2 = Of("周末，去星悦整形医院");
  EXPECT_TRUE(Has(hs2, HandleKind::kInstitution, "星悦整形医院")) << hs2.size();
  // Traditional characters fold to the same name.
  EXPECT_TRUE(Has(Of("在虛構麗人醫療美容診所"), HandleKind::kInstitution, "虚构丽人医疗美容诊所"));
}

// The index file counts a post's handles in one byte: a post listing 300 numbers and a clinic
// keeps the first 255 numbers, and the clinic (a name sorts after every contact) is dropped.
TEST(Handles, APostKeepsAtMost255) {
  auto has_kind = [](const std::vector<Handle>& hs, HandleKind k) {
    return std::any_of(hs.begin(), hs.end(), [&](const Handle& h) { return h.kind == k; });
  };
  const std::string clinic = "在星河整形医院做的，";
  ASSERT_TRUE(has_kind(Of(clinic + "电话13800000000"), HandleKind::kInstitution));
  std::string text = clinic;
  for (int i = 0; i < 300; ++i) text += "电话" + std::to_string(13800000000LL + i) + "，";
  const auto hs = Of(text);
  ASSERT_EQ(hs.size(), 255u);
  EXPECT_TRUE(Has(hs, HandleKind::kPhone, "13800000000"));
  EXPECT_TRUE(Has(hs, HandleKind::kPhone, "13800000254"));
  EXPECT_FALSE(Has(hs, HandleKind::kPhone, "13800000255"));
  EXPECT_FALSE(has_kind(hs, HandleKind::kInstitution));
}

TEST(Handles, KindNames) {
  EXPECT_STREQ(HandleKindName(HandleKind::kWechat), "wechat");
  EXPECT_STREQ(HandleKindName(HandleKind::kDoctor), "doctor");
  EXPECT_TRUE(IsContactKind(HandleKind::kPhone));
  EXPECT_FALSE(IsContactKind(HandleKind::kInstitution));
}

}  // namespace
}  // namespace jianmei::campaign
