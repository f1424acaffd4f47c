#include "campaign/index_format.h"

#include <gtest/gtest.h>

#include <cstring>

#include "campaign/index.h"

namespace jianmei::campaign {
namespace {

std::shared_ptr<const text::Normalizer> Norm() {
  static auto n = text::Normalizer::Create();
  return *n;
}

const char* kPosts[] = {
    "姐妹们我在虚构丽人医疗美容诊所做了瘦腿针，王医生超级温柔，一点都不疼，现在腿细了一圈，加微信 "
    "meimei2021",
    "姐妹们我在虚构丽人医疗美容诊所做了瘦腿针，王医生特别温柔，一点也不疼，现在腿细了一大圈，加微信"
    " meimei2021",
    "今天天气不错，下班后和朋友去吃了火锅，然后去看了一场电影，回家已经很晚了",
    "电话 13800138000",
};

std::unique_ptr<Index> Sample() {
  CommonShingles common(std::vector<uint32_t>{5, 77, 1000});
  IndexOptions o;
  o.seed = 1234;
  o.min_jaccard = 0.45;
  auto ix = Index::Create(o, common, Norm());
  for (const char* p : kPosts) (*ix)->Add(p);
  return std::move(*ix);
}

TEST(IndexFormat, SaveLoadRoundTripKeepsEverythingAndStaysIncremental) {
  auto ix = Sample();
  const std::string bytes = ix->Save();
  auto back = Index::Load(bytes, Norm());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  Index& b = **back;
  EXPECT_EQ(b.size(), ix->size());
  EXPECT_EQ(b.options().seed, 1234u);
  EXPECT_EQ(b.options().min_jaccard, 0.45);
  EXPECT_EQ(b.options().copied_run, 16u);
  EXPECT_EQ(b.common().sorted(), ix->common().sorted());
  for (uint32_t d = 0; d < ix->size(); ++d) {
    EXPECT_EQ(b.Cluster(d), ix->Cluster(d));
    EXPECT_TRUE(std::ranges::equal(b.shingles(d), ix->shingles(d)));
    EXPECT_EQ(b.handles(d), ix->handles(d));
    for (size_t h = 0; h < b.handles(d).size(); ++h) {
      EXPECT_EQ(b.handles(d)[h].written, ix->handles(d)[h].written);
    }
  }
  EXPECT_EQ(b.Save(), bytes);
  // A new near-copy joins the loaded cluster through the rebuilt LSH buckets, a new post with
  // the saved phone number through the rebuilt contact keys.
  EXPECT_EQ(b.Cluster(b.Add(std::string(kPosts[0]) + "真的")), b.Cluster(0));
  EXPECT_EQ(b.Cluster(b.Add("复诊请打 13800138000")), 3u);
}

TEST(IndexFormat, EveryTruncationIsReportedNotCrashed) {
  const std::string bytes = Sample()->Save();
  for (size_t n = 0; n < bytes.size(); n += 7) {
    auto r = Index::Load(std::string_view(bytes).substr(0, n), Norm());
    EXPECT_FALSE(r.ok()) << n;
  }
}

TEST(IndexFormat, CorruptionIsDetectedByTheChecksumAndNamesTheOffset) {
  std::string bytes = Sample()->Save();
  bytes[40] ^= 1;
  auto r = Index::Load(bytes, Norm());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  EXPECT_NE(r.status().message().find("checksum"), std::string::npos);
}

// Rewrites the checksum so that the structural checks behind it are exercised.
std::string Reseal(std::string bytes) {
  bytes.resize(bytes.size() - 8);
  uint64_t sum = format::Checksum(bytes);
  for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>(sum >> (8 * i)));
  return bytes;
}

TEST(IndexFormat, StructuralErrorsBehindAValidChecksum) {
  const std::string good = Sample()->Save();
  // Options: bands (offset 20) set to 200 > permutations.
  std::string bad = good;
  bad[20] = static_cast<char>(200);
  auto r = Index::Load(Reseal(bad), Norm());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bands"), std::string::npos) << r.status().message();
  // Common shingles not ascending: swap the first two (offset 8+8+32+8+1+4+4 = 65).
  bad = good;
  std::swap_ranges(bad.begin() + 65, bad.begin() + 69, bad.begin() + 69);
  r = Index::Load(Reseal(bad), Norm());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("ascending"), std::string::npos) << r.status().message();
  // Post 0's parent (offset 65 + 12 + 4) pointing forward would make a cycle.
  bad = good;
  bad[81] = 3;
  r = Index::Load(Reseal(bad), Norm());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("post 0: parent 3"), std::string::npos) << r.status().message();
  // Extra bytes after the last post.
  bad = good;
  bad.insert(bad.size() - 8, "x");
  r = Index::Load(Reseal(bad), Norm());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("trailing"), std::string::npos);
}

TEST(IndexFormat, AssignFindsTheClusterWithoutChangingTheIndex) {
  auto ix = Sample();
  const std::string before = ix->Save();
  using V = std::vector<uint32_t>;
  EXPECT_EQ(ix->Assign(ix->Featurize(std::string(kPosts[1]) + "真的")), V{ix->Cluster(1)});
  EXPECT_EQ(ix->Assign(ix->Featurize("复诊请打 13800138000")), V{3});  // by the shared phone number
  // Text like cluster 0 and the phone number of cluster 3: both, as Insert would merge them.
  EXPECT_EQ(ix->Assign(ix->Featurize(std::string(kPosts[1]) + "复诊请打 13800138000")), (V{0, 3}));
  EXPECT_TRUE(ix->Assign(ix->Featurize("求推荐一下性价比高的地方，最近想做个双眼皮，预算不多，有没有姐妹分享下")).empty());
  EXPECT_EQ(ix->Save(), before);
}

TEST(IndexFormat, CampaignLabelsAreSavedAndLookedUp) {
  auto ix = Sample();
  ASSERT_EQ(ix->Cluster(1), 0u);
  EXPECT_EQ(ix->CampaignOf(kPosts[1]), nullptr);  // no labels yet
  EXPECT_FALSE(ix->SetCampaignLabels({{1, "c2"}}).ok());   // 1 is not a cluster id
  EXPECT_FALSE(ix->SetCampaignLabels({{9, "c9"}}).ok());   // no such post
  EXPECT_FALSE(ix->SetCampaignLabels({{0, ""}}).ok());
  ASSERT_TRUE(ix->SetCampaignLabels({{0, "c1"}, {2, "c3"}}).ok());
  auto back = Index::Load(ix->Save(), Norm());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  const std::string* c = (*back)->CampaignOf(std::string(kPosts[0]) + "！！");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(*c, "c1");
  EXPECT_EQ((*back)->CampaignOf("电话 13800138000"), nullptr);  // cluster 3 has no label
  EXPECT_EQ((*back)->campaign_labels().size(), 2u);
}

// Byte offset of copied_run (version 3): magic 8, seed 8, eight u32 options, min_jaccard 8, link 1.
constexpr size_t kCopiedRunOffset = 8 + 8 + 8 * 4 + 8 + 1;

// A version 2 file with the same content as version 3 bytes `v3` (little-endian host): no
// copied_run, handles without their written form; checksum not yet resealed.
std::string ToVersion2(const std::string& v3) {
  auto u32 = [&](size_t at) {
    uint32_t v;
    std::memcpy(&v, v3.data() + at, 4);
    return v;
  };
  auto u16 = [&](size_t at) {
    uint16_t v;
    std::memcpy(&v, v3.data() + at, 2);
    return v;
  };
  std::string out = std::string(format::kMagicV2) + v3.substr(8, kCopiedRunOffset - 8);
  size_t at = kCopiedRunOffset + 4;
  const size_t common = 4 + 4 * size_t{u32(at)};
  out += v3.substr(at, common);
  at += common;
  const uint32_t posts = u32(at);
  out += v3.substr(at, 4);
  at += 4;
  for (uint32_t d = 0; d < posts; ++d) {
    const size_t head = 4 + 4 + 4 * size_t{u32(at + 4)} + 1;  // parent, shingles, handle count
    const auto handles = static_cast<uint8_t>(v3[at + head - 1]);
    out += v3.substr(at, head);
    at += head;
    for (int h = 0; h < handles; ++h) {
      const size_t value = 1 + 2 + u16(at + 1);
      out += v3.substr(at, value);
      at += value;
      at += 2 + u16(at);  // the written form, dropped
    }
  }
  return out + v3.substr(at);
}

TEST(IndexFormat, VersionTwoFilesLoadWithEveryCommonShingleDropped) {
  auto ix = Sample();
  const std::string v2 = ToVersion2(ix->Save());
  auto back = Index::Load(Reseal(v2), Norm());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ((*back)->options().copied_run, 0u);
  ASSERT_EQ((*back)->size(), 4u);
  for (uint32_t d = 0; d < 4; ++d) {
    ASSERT_EQ((*back)->handles(d), ix->handles(d));
    for (const Handle& h : (*back)->handles(d)) EXPECT_EQ(h.written, h.value);  // no written form
  }
}

TEST(IndexFormat, VersionOneFilesWithoutLabelsStillLoad) {
  const std::string v2 = ToVersion2(Sample()->Save());  // no labels: a u32 count of 0
  std::string v1 = v2.substr(0, v2.size() - 12) + v2.substr(v2.size() - 8);
  v1.replace(0, 8, format::kMagicV1);
  auto back = Index::Load(Reseal(v1), Norm());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ((*back)->size(), 4u);
  // A label for a post that is not a cluster id, behind a valid checksum.
  std::string bad = v2.substr(0, v2.size() - 12);
  for (uint32_t v : {1u, 1u}) bad.append(reinterpret_cast<const char*>(&v), 4);  // n=1, cluster 1
  bad += std::string(1, '\x02') + "c2" + std::string(8, '\0');
  auto r = Index::Load(Reseal(bad), Norm());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a cluster"), std::string::npos) << r.status().message();
}

TEST(IndexFormat, EmptyIndexRoundTrips) {
  auto ix = Index::Create({}, CommonShingles(), Norm());
  auto back = Index::Load((*ix)->Save(), Norm());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ((*back)->size(), 0u);
}

}  // namespace
}  // namespace jianmei::campaign
