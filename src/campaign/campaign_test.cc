#include "campaign/campaign.h"

#include <gtest/gtest.h>

namespace jianmei::campaign {
namespace {

std::shared_ptr<const text::Normalizer> Norm() {
  static auto n = text::Normalizer::Create();
  return *n;
}

const std::string kDraft =
    "姐妹们，上个月纠结了很久终于做了瘦腿针。是闺蜜推荐的星悦整形医院，王医生特别耐心，全程几乎不疼。"
    "现在效果真的绝了，价格2800元。想了解的姐妹可以私信，加微信 xingyue2024";

std::vector<PostInfo> Posts() {
  std::vector<PostInfo> p;
  const int64_t t0 = 1735689600;
  p.push_back({"a", "u1", t0, kDraft, 1.0});
  p.push_back({"b", "u2", t0 + 3600, kDraft + "，我是真的没收钱", 0.5});
  p.push_back({"c", "u3", t0 + 7200, "集美们，上个月纠结了很久终于做了瘦腿针。是闺蜜推荐的星悦整形医院，王医生特别耐心，全程几乎不疼。"
                                  "现在效果真的绝了，价格3200元。想了解的姐妹可以私信，加微信 xingyue2024", 0});
  p.push_back({"d", "u1", t0 + 9000, kDraft, 0});  // same account again
  p.push_back({"e", "u9", t0 + 50 * 86400, "今天天气不错，下班后和朋友去吃了火锅，然后去看了一场电影，回家已经很晚了", 0});
  p.push_back({"f", "u8", t0 + 90 * 86400, "求推荐一下性价比高的地方，最近想做个双眼皮，预算不多，有没有姐妹分享下", 0});
  return p;
}

std::unique_ptr<Index> Indexed(const std::vector<PostInfo>& posts) {
  auto ix = Index::Create({}, CommonShingles(), Norm());
  for (const PostInfo& p : posts) (*ix)->Add(p.text);
  return std::move(*ix);
}

TEST(Campaigns, ClusterWithThreeAccountsIsACampaignWithItsReport) {
  const auto posts = Posts();
  auto ix = Indexed(posts);
  const auto cs = FindCampaigns(*ix, posts, {});
  ASSERT_EQ(cs.size(), 1u);
  const Campaign& c = cs[0];
  EXPECT_EQ(c.posts, (std::vector<uint32_t>{0, 1, 2, 3}));
  EXPECT_EQ(c.accounts, (std::vector<std::string>{"u1", "u2", "u3"}));
  EXPECT_EQ(c.account_count, 3u);
  EXPECT_EQ(c.first, 1735689600);
  EXPECT_EQ(c.last, 1735689600 + 9000);
  // Corpus range 90 days → window 4.5 days: all four posts inside it.
  EXPECT_EQ(c.window_seconds, 90 * 86400 / 20);
  EXPECT_DOUBLE_EQ(c.parts.compactness, 1.0);
  EXPECT_DOUBLE_EQ(c.parts.shared_handles, 1.0);  // every copy carries the WeChat id
  EXPECT_DOUBLE_EQ(c.parts.coparticipation, 0.0);
  EXPECT_DOUBLE_EQ(c.parts.findings, 1.5 / 4);
  // raw 30*ln(1.5)/ln(25) + 20 + 15 + 0 + 20*0.375 = 3.779 + 20 + 15 + 7.5 = 46.28; a campaign
  // (every copy carries the WeChat id) scores 30 + 0.7 * raw = 62.4.
  EXPECT_EQ(c.kind, ClusterKind::kCampaign);
  EXPECT_DOUBLE_EQ(c.promotion_share, 1.0);
  EXPECT_EQ(c.score, 62);
  ASSERT_FALSE(c.handles.empty());
  bool wechat = false, clinic = false;
  for (const HandleCount& h : c.handles) {
    wechat |= h.handle.kind == HandleKind::kWechat && h.handle.value == "xingyue2024" && h.posts == 4;
    clinic |= h.handle.kind == HandleKind::kInstitution && h.handle.value == "星悦整形医院";
  }
  EXPECT_TRUE(wechat);
  EXPECT_TRUE(clinic);
  // The draft itself (posted twice) is the medoid; prices and the added aside vary.
  EXPECT_TRUE(c.variation.representative == 0 || c.variation.representative == 3);
  EXPECT_EQ(c.variation.numbers, (std::vector<std::string>{"2800", "3200"}));
  ASSERT_FALSE(c.variation.added.empty());
  bool aside = false;
  for (const ClauseCount& a : c.variation.added) aside |= a.text == "我是真的没收钱" && a.copies == 1;
  EXPECT_TRUE(aside);
  EXPECT_GT(c.variation.stable_share, 0.5);
  EXPECT_LT(c.variation.stable_share, 1.0);
}

TEST(Campaigns, TwoAccountsAreNotACampaignButAnonymousPostsCountSeparately) {
  auto posts = Posts();
  posts[2].author = "u2";
  auto ix = Indexed(posts);
  EXPECT_TRUE(FindCampaigns(*ix, posts, {}).empty());
  for (auto& p : posts) p.author.clear();
  const auto cs = FindCampaigns(*ix, posts, {});
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].anonymous_posts, 4u);
  EXPECT_EQ(cs[0].account_count, 4u);
}

TEST(Campaigns, SpreadOutPostsAreLessCompactAndScoreLower) {
  auto posts = Posts();
  auto ix = Indexed(posts);
  const int compact = FindCampaigns(*ix, posts, {})[0].score;
  posts[1].time = *posts[0].time + 30 * 86400;
  posts[2].time = *posts[0].time + 60 * 86400;
  const auto cs = FindCampaigns(*ix, posts, {});
  EXPECT_DOUBLE_EQ(cs[0].parts.compactness, 0.5);  // posts 0 and 3 share a window
  EXPECT_LT(cs[0].score, compact);
}

TEST(Campaigns, AccountsRepeatedAcrossCampaignsRaiseCoparticipation) {
  auto posts = Posts();
  const std::string other =
      "分享一下，去年冬天犹豫了半年约了热玛吉。是同事推荐的臻艺医美中心，李医生审美在线，打了麻药没什么感觉。"
      "上镜好看太多，价格9800元。报我名字有优惠，咨询电话13912345678";
  posts.push_back({"g", "u1", 1735689600, other, 0});
  posts.push_back({"h", "u2", 1735689600, other + "！", 0});
  posts.push_back({"i", "u7", 1735689600, other + "。", 0});
  auto ix = Indexed(posts);
  const auto cs = FindCampaigns(*ix, posts, {});
  ASSERT_EQ(cs.size(), 2u);
  for (const Campaign& c : cs) EXPECT_NEAR(c.parts.coparticipation, 2.0 / 3, 1e-9);
}

TEST(Campaigns, PaidPostsForABannedProcedureAreTheWorstCase) {
  PostInfo p;
  p.findings = 0.6;
  EXPECT_DOUBLE_EQ(PostSeverity(p), 0.6);
  p.paid_or_testimonial = true;
  EXPECT_DOUBLE_EQ(PostSeverity(p), 0.6);
  p.paid_or_testimonial = false;
  p.banned_procedure = true;
  EXPECT_DOUBLE_EQ(PostSeverity(p), 0.6);
  p.paid_or_testimonial = true;
  EXPECT_DOUBLE_EQ(PostSeverity(p), 1.0);
  p.findings = 7;  // out of range is clamped
  p.banned_procedure = false;
  EXPECT_DOUBLE_EQ(PostSeverity(p), 1.0);
}

TEST(Campaigns, ScreeningFindingsRaiseTheScoreAndNameTheProcedures) {
  auto posts = Posts();
  for (auto& p : posts) p.findings = 0;
  auto ix = Indexed(posts);
  const Campaign plain = FindCampaigns(*ix, posts, {})[0];
  EXPECT_DOUBLE_EQ(plain.parts.findings, 0.0);
  EXPECT_TRUE(plain.entities.empty());

  const PromotedEntity banned{"procedure", "小腿神经离断瘦腿手术"};
  const PromotedEntity toxin{"product", "肉毒毒素"};
  for (int d = 0; d < 4; ++d) {
    posts[d].findings = 0.9;
    posts[d].paid_or_testimonial = true;
    posts[d].banned_procedure = true;
    posts[d].entities = {banned};
  }
  posts[1].entities.push_back(toxin);
  posts[2].entities.push_back(toxin);
  posts[3].entities = {toxin};
  const Campaign worst = FindCampaigns(*ix, posts, {})[0];
  EXPECT_DOUBLE_EQ(worst.parts.findings, 1.0);
  // The whole findings weight (20), times 0.7 for a campaign; each score is rounded.
  EXPECT_NEAR(worst.score - plain.score, 14, 1);
  ASSERT_EQ(worst.entities.size(), 2u);
  EXPECT_EQ(worst.entities[0].entity, banned);  // named by posts 0, 1 and 2
  EXPECT_EQ(worst.entities[0].posts, 3u);
  EXPECT_EQ(worst.entities[1].entity, toxin);  // posts 1, 2 and 3: a tie keeps key order
  EXPECT_EQ(worst.entities[1].posts, 3u);
  // Background posts' entities are not the campaign's.
  posts[4].entities = {{"procedure", "双眼皮"}};
  EXPECT_EQ(FindCampaigns(*ix, posts, {})[0].entities.size(), 2u);
}

// A meme quoted by many accounts over months has no contact, no offer and no promotion: shared
// text, ranked below any campaign, and its free-phrase "institution" does not count as a shared
// handle.
TEST(Campaigns, SharedTextIsToldApartAndRankedBelowCampaigns) {
  auto posts = Posts();
  const std::string meme =
      "医美三大错觉：这次肯定不肿，朋友肯定看不出来，做完这一次就再也不做了，我第一次做医美就信了";
  for (int i = 0; i < 6; ++i) {
    posts.push_back({"m" + std::to_string(i), "fan" + std::to_string(i), 1735689600 + i * 15 * 86400,
                     (i % 2 ? "笑死 " : "") + meme, 0});
  }
  auto ix = Indexed(posts);
  const auto cs = FindCampaigns(*ix, posts, {});
  ASSERT_EQ(cs.size(), 2u);
  EXPECT_EQ(cs[0].kind, ClusterKind::kCampaign);
  EXPECT_EQ(cs[1].kind, ClusterKind::kSharedText);
  EXPECT_EQ(cs[1].posts.size(), 6u);
  EXPECT_DOUBLE_EQ(cs[1].promotion_share, 0.0);
  EXPECT_DOUBLE_EQ(cs[1].parts.shared_handles, 0.0);  // "我第一次做医美" is no contact
  EXPECT_LE(cs[1].score, 30);
  EXPECT_GE(cs[0].score, 30);
  EXPECT_STREQ(ClusterKindName(cs[1].kind), "shared_text");
  // A meme quoted by an account of the campaign does not make it a reused (hired) account.
  posts[6].author = "u1";
  const auto quoted = FindCampaigns(*Indexed(posts), posts, {});
  ASSERT_EQ(quoted.size(), 2u);
  EXPECT_DOUBLE_EQ(quoted[0].parts.coparticipation, 0.0);
  // Screening's promotion bit on most copies makes the same text a campaign.
  for (size_t d = 6; d < 10; ++d) posts[d].promotional = true;
  const auto promoted = FindCampaigns(*ix, posts, {});
  ASSERT_EQ(promoted.size(), 2u);
  EXPECT_EQ(promoted[1].kind, ClusterKind::kCampaign);
}

}  // namespace
}  // namespace jianmei::campaign
