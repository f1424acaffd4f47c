#include "campaign/handles.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "text/normalizer.h"

namespace jianmei::campaign {
namespace {

std::vector<Handle> Of(std::string_view s) {
  static auto n = text::Normalizer::Create();
  return ExtractHandles(s, (*n)->Normalize(s, kCampaignFolding));
}

bool Has(const std::vector<Handle>& hs, HandleKind k, std::string_view v) {
  for (const Handle& h : hs) {
    if (h.kind == k && h.value == v) return true;
  }
  return false;
}

// The handle of kind k as the post wrote it, or "" when there is none.
std::string Written(const std::vector<Handle>& hs, HandleKind k) {
  for (const Handle& h : hs) {
    if (h.kind == k) return h.written;
  }
  return "";
}

TEST(Handles, ContactsSurviveSpacingWidthAndCase) {
  auto hs = Of("预约加ｖ：Mei_Mei2021 或电话 138 0013 8000，扣扣 12345678");
  EXPECT_TRUE(Has(hs, HandleKind::kWechat, "mei_mei2021"));  // the id keeps its '_'
  EXPECT_EQ(Written(hs, HandleKind::kWechat), "加ｖ：Mei_Mei2021");
  EXPECT_EQ(Written(hs, HandleKind::kPhone), "电话 138 0013 8000");
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

// The forms sellers use (kb/contact_handles.toml): each prefix form, then the id. The value
// keeps the id's own separators (a regulator searches for momo_40981, not momo40981).
TEST(Handles, GreenBubbleIsWechat) {
  EXPECT_TRUE(Has(Of("有需要的加绿泡泡：momo_40981"), HandleKind::kWechat, "momo_40981"));
  EXPECT_EQ(Written(Of("有需要的加绿泡泡：momo_40981"), HandleKind::kWechat), "绿泡泡：momo_40981");
}
TEST(Handles, SatelliteEmojiIsWechat) {
  EXPECT_TRUE(Has(Of("戳🛰️ xinxin_46346 领取"), HandleKind::kWechat, "xinxin_46346"));
  EXPECT_EQ(Written(Of("戳🛰️ xinxin_46346 领取"), HandleKind::kWechat), "🛰️ xinxin_46346");
}
TEST(Handles, WeiWithAHeartIsWechat) {
  EXPECT_TRUE(Has(Of("薇❤ meimei2021"), HandleKind::kWechat, "meimei2021"));
  EXPECT_TRUE(Has(Of("薇❤️：MeiMei2021"), HandleKind::kWechat, "meimei2021"));  // ❤ with its selector
  EXPECT_EQ(Written(Of("薇❤️：MeiMei2021"), HandleKind::kWechat), "薇❤️：MeiMei2021");
}
TEST(Handles, PlusVIsWechat) {
  EXPECT_TRUE(Has(Of("想要链接的➕V：beauty_88"), HandleKind::kWechat, "beauty_88"));
  EXPECT_TRUE(Has(Of("+v beauty_88"), HandleKind::kWechat, "beauty_88"));
}
TEST(Handles, BareVWithASeparatorIsWechatAndVxIsNotReadIntoIt) {
  EXPECT_TRUE(Has(Of("V：xinxin_46346"), HandleKind::kWechat, "xinxin_46346"));
  EXPECT_EQ(Written(Of("V：xinxin_46346"), HandleKind::kWechat), "V：xinxin_46346");
  EXPECT_TRUE(Has(Of("私我V xinxin_46346"), HandleKind::kWechat, "xinxin_46346"));
  EXPECT_FALSE(Has(Of("V：xinxin_46346"), HandleKind::kWechat, "inxin_46346"));
  EXPECT_TRUE(Of("我的vlog很好看").empty());  // a bare v needs a separator
}
TEST(Handles, HomophonesOfWeixinAreWechat) {
  EXPECT_TRUE(Has(Of("威信 abc_12345"), HandleKind::kWechat, "abc_12345"));
  EXPECT_TRUE(Has(Of("徽信：abc_12345"), HandleKind::kWechat, "abc_12345"));
  EXPECT_TRUE(Has(Of("VX：abc-12345"), HandleKind::kWechat, "abc-12345"));
}
TEST(Handles, SpacedAndDashedDigitsAreOneNumber) {
  EXPECT_TRUE(Has(Of("电话 138-0013-8000"), HandleKind::kPhone, "13800138000"));
  EXPECT_EQ(Written(Of("电话 138-0013-8000"), HandleKind::kPhone), "电话 138-0013-8000");
  EXPECT_EQ(Written(Of("拨打 138 0013 8000 预约"), HandleKind::kPhone), "138 0013 8000");
  EXPECT_TRUE(Has(Of("2025 13800138000"), HandleKind::kPhone, "13800138000"));
  EXPECT_TRUE(Has(Of("电话 1 3 8 0 0 1 3 8 0 0 0 咨询"), HandleKind::kPhone, "13800138000"));
  EXPECT_TRUE(Has(Of("扣扣 1234 5678"), HandleKind::kQq, "12345678"));
  const auto both = Of("qq 12345678 13800138000");  // two numbers, not one of 19 digits
  EXPECT_TRUE(Has(both, HandleKind::kQq, "12345678"));
  EXPECT_TRUE(Has(both, HandleKind::kPhone, "13800138000"));
}

TEST(Handles, KindNames) {
  EXPECT_STREQ(HandleKindName(HandleKind::kWechat), "wechat");
  EXPECT_STREQ(HandleKindName(HandleKind::kDoctor), "doctor");
  EXPECT_TRUE(IsContactKind(HandleKind::kPhone));
  EXPECT_FALSE(IsContactKind(HandleKind::kInstitution));
}

}  // namespace
}  // namespace jianmei::campaign

namespace jianmei::campaign {
namespace {

// Hostile input: random sequences of forms, separators, digits, letters, emoji and invalid
// bytes. Every handle must be a substring of the input as written and obey its grammar.
TEST(Handles, RandomInputYieldsOnlyWellFormedHandlesTakenFromTheText) {
  const std::vector<std::string> pieces = {
      "微信", "vx", "V", "v", "薇", "❤", "\xEF\xB8\x8F", "🛰", "绿泡泡", "➕", "+", "qq", "扣扣", "电话",
      "：", ":", " ", "-", "_", "号", "1", "3", "8", "0", "9", "a", "Z", "x", "\xFF", "\xE4\xB8",
      "姐妹", "。", "\n"};
  std::mt19937 rng(25);
  size_t found = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    for (int k = 0, n = static_cast<int>(rng() % 40); k < n; ++k) text += pieces[rng() % pieces.size()];
    for (const Handle& h : Of(text)) {
      ASSERT_NE(text.find(h.written), std::string::npos) << text;
      ASSERT_FALSE(h.value.empty());
      if (h.kind == HandleKind::kPhone) {
        EXPECT_EQ(h.value.size(), 11u) << text;
      } else if (h.kind == HandleKind::kQq) {
        EXPECT_GE(h.value.size(), 5u);
        EXPECT_LE(h.value.size(), 11u);
      } else if (h.kind == HandleKind::kWechat) {
        EXPECT_GE(h.value.size(), 6u);
        EXPECT_LE(h.value.size(), 20u);
        EXPECT_TRUE(h.value[0] >= 'a' && h.value[0] <= 'z') << h.value;
      }
      ++found;
    }
  }
  EXPECT_GT(found, 0u);  // the pieces do make handles
}

}  // namespace
}  // namespace jianmei::campaign
