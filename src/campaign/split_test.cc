// The chaining bound: posts that each resemble their neighbour but not the far end of a chain
// must not be reported as one campaign.
#include "campaign/split.h"

#include <gtest/gtest.h>

#include <string>

#include "campaign/campaign.h"
#include "campaign/jaccard.h"
#include "core/utf8.h"

namespace jianmei::campaign {
namespace {

std::shared_ptr<const text::Normalizer> Norm() {
  static auto n = text::Normalizer::Create();
  return *n;
}

// Post i: 60 distinct Han characters starting at 10·i, so neighbours share 50 characters
// (Jaccard 0.7 on trigrams) and posts five apart share none.
std::string Window(int i) {
  std::string s;
  for (int c = 0; c < 60; ++c) utf8::Append(static_cast<char32_t>(0x5000 + 10 * i + c), &s);
  return s;
}

TEST(Split, AChainOfNeighboursIsNotOneCampaign) {
  auto ix = Index::Create({}, CommonShingles(), Norm());
  ASSERT_TRUE(ix.ok());
  std::vector<PostInfo> posts;
  for (int i = 0; i < 20; ++i) {
    posts.push_back({"p" + std::to_string(i), "u" + std::to_string(i), std::nullopt, Window(i)});
    (*ix)->Add(posts.back().text);
  }
  const Index& index = **ix;
  ASSERT_EQ(index.Cluster(19), 0u) << "the index chains them into one cluster";
  ASSERT_EQ(Jaccard(index.shingles(0), index.shingles(19)), 0.0);
  const auto campaigns = FindCampaigns(index, posts, {});
  ASSERT_FALSE(campaigns.empty());
  size_t reported = 0;
  for (const Campaign& c : campaigns) {
    reported += c.posts.size();
    // Some member (the centre) is within centre_jaccard (0.3) of every member.
    bool centred = false;
    for (uint32_t x : c.posts) {
      bool all = true;
      for (uint32_t m : c.posts) all = all && Jaccard(index.shingles(x), index.shingles(m)) >= 0.3;
      centred = centred || all;
    }
    EXPECT_TRUE(centred) << "campaign of " << c.posts.size() << " posts from " << c.cluster;
  }
  EXPECT_GE(reported, 12u) << "splitting keeps most posts";
}

TEST(Split, GroupsAreCentredBoundedInNumberAndDropSmallOnes) {
  auto ix = Index::Create({}, CommonShingles(), Norm());
  for (int i = 0; i < 20; ++i) (*ix)->Add(Window(i));
  std::vector<uint32_t> members(20);
  for (uint32_t d = 0; d < 20; ++d) members[d] = d;
  const auto groups = Split(**ix, members, 0.45, 3, 1024);
  for (const CentredGroup& g : groups) {
    EXPECT_GE(g.posts.size(), 3u);
    EXPECT_TRUE(std::is_sorted(g.posts.begin(), g.posts.end()));
    for (uint32_t m : g.posts) EXPECT_GE(Jaccard((*ix)->shingles(g.centre), (*ix)->shingles(m)), 0.45);
  }
  EXPECT_EQ(Split(**ix, members, 0.45, 3, 1).size(), 1u);  // one centre tried
  EXPECT_TRUE(Split(**ix, members, 0.45, 21, 1024).empty());
}

TEST(Split, APostSharingTheCentresContactStaysWhateverItsText) {
  auto ix = Index::Create({}, CommonShingles(), Norm());
  for (int i = 0; i < 3; ++i) (*ix)->Add(Window(0) + "加微信 meimei2021");
  (*ix)->Add(Window(40) + "加微信 meimei2021");  // unrelated text, same contact
  const std::vector<uint32_t> members = {0, 1, 2, 3};
  const auto groups = Split(**ix, members, 0.45, 3, 1024);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].posts, members);
}

}  // namespace
}  // namespace jianmei::campaign
