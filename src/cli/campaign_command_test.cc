// `jianmei campaigns` end to end on in-memory streams: bad lines, the output objects, the index.
#include "cli/campaign_command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "campaign/planted_corpus.h"
#include "cli/scan_command.h"

namespace jianmei::cli {
namespace {

using nlohmann::json;

std::vector<json> RunOn(const std::string& input, const CampaignRunOptions& options,
                      CampaignCounts* counts) {
  std::istringstream in(input);
  std::ostringstream out, err;
  *counts = RunCampaigns(in, out, err, options);
  std::vector<json> lines;
  std::istringstream o(out.str());
  std::string line;
  while (std::getline(o, line)) lines.push_back(json::parse(line));
  return lines;
}

std::string Jsonl(const campaign::PlantedCorpus& c) {
  std::string s;
  for (const auto& p : c.posts) {
    s += json{{"id", p.id}, {"author", p.author}, {"posted_at", p.posted_at}, {"text", p.text}}.dump() + "\n";
  }
  return s;
}

campaign::PlantedCorpus Small() {
  campaign::PlantedOptions o;
  o.seed = 5;
  o.background = 300;
  o.edit_rates = {0.05};
  o.campaigns_per_rate = 3;
  return campaign::GeneratePlanted(o);
}

TEST(CampaignsCommand, FindsThePlantedCampaignsAndReportsThem) {
  const auto corpus = Small();
  std::map<std::string, int> label;
  for (const auto& p : corpus.posts) label[p.id] = p.campaign;
  CampaignCounts counts;
  const auto out = RunOn(Jsonl(corpus), {}, &counts);
  EXPECT_EQ(counts.errors, 0u);
  EXPECT_EQ(counts.posts, corpus.posts.size());
  ASSERT_EQ(out.size(), 3u);
  std::set<int> seen;
  int last_score = 101;
  for (const json& c : out) {
    ASSERT_TRUE(c.contains("campaign") && c.contains("score") && c.contains("members")) << c.dump();
    EXPECT_LE(c["score"].get<int>(), last_score);  // highest score first
    last_score = c["score"];
    const int l = label[c["members"][0]["id"]];
    for (const json& m : c["members"]) EXPECT_EQ(label[m["id"]], l) << c.dump();
    seen.insert(l);
    EXPECT_GE(c["account_count"].get<int>(), 3);
    EXPECT_EQ(c["accounts"].size(), c["members"].size());  // planted copies: one per account
    EXPECT_LE(c["span_seconds"].get<int64_t>(), 5 * 86400);
    EXPECT_FALSE(c["handles"].empty());
    EXPECT_EQ(label[c["representative"]["id"]], l);
    EXPECT_FALSE(c["representative"]["text"].get<std::string>().empty());
    EXPECT_TRUE(c["varies"].contains("stable_share"));
  }
  EXPECT_EQ(seen, (std::set<int>{0, 1, 2}));
}

TEST(CampaignsCommand, EveryBadLineYieldsOneErrorRecordAndGoodLinesStillCount) {
  const auto corpus = Small();
  std::string input = Jsonl(corpus);
  input = "not json\n" + input + "{\"id\":\"x\",\"body\":\"no text\"}\n" +
          "{\"id\":\"t\",\"text\":\"ok\",\"posted_at\":\"yesterday\"}\n\n" +
          "{\"id\":\"big\",\"text\":\"" + std::string(3000, 'a') + "\"}\n";
  CampaignRunOptions options;
  options.max_line_bytes = 2048;
  CampaignCounts counts;
  const auto out = RunOn(input, options, &counts);
  EXPECT_EQ(counts.lines, corpus.posts.size() + 5);
  EXPECT_EQ(counts.errors, 5u);
  ASSERT_GE(out.size(), 5u);
  // Error records first, in input order, each naming its line.
  const size_t n = corpus.posts.size();
  const std::vector<size_t> lines = {1, n + 2, n + 3, n + 4, n + 5};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(out[i]["line"], lines[i]) << out[i].dump();
    EXPECT_TRUE(out[i]["error"].is_string());
  }
  EXPECT_EQ(out[1]["id"], "x");
  EXPECT_NE(out[2]["error"].get<std::string>().find("posted_at"), std::string::npos);
  EXPECT_NE(out[4]["error"].get<std::string>().find("--max-line-bytes"), std::string::npos);
  EXPECT_EQ(out.size(), 5u + 3u);
}

TEST(CampaignsCommand, SavesAnIndexThatLoadsBack) {
  const std::string path = ::testing::TempDir() + "/campaigns.idx";
  CampaignRunOptions options;
  options.save_index = path;
  CampaignCounts counts;
  RunOn(Jsonl(Small()), options, &counts);
  ASSERT_FALSE(counts.failed);
  std::ifstream f(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto back = campaign::Index::Load(bytes, *text::Normalizer::Create());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ((*back)->size(), counts.posts);
  std::remove(path.c_str());

  options.save_index = "/nonexistent-dir/x.idx";
  RunOn(Jsonl(Small()), options, &counts);
  EXPECT_TRUE(counts.failed);
}

// A paid testimonial for a banned procedure posted by four accounts, a harmless near-duplicate
// posted by three, and unrelated posts (all fictional).
const char* kAd =
    "姐妹们，我上个月在星悦整形医院做了小腿神经阻断术，术后一周腿就细了一圈，真的零风险没有副作用。"
    "推荐朋友来做返现500元，想了解的加微信 xingyue2024";
const char* kHarmless =
    "今天和闺蜜去吃了一家很好吃的火锅店，牛肉特别新鲜，锅底也不辣，吃完又去江边散步看了夜景，心情超级好";

std::string Line(const std::string& id, const std::string& author, const std::string& text) {
  return json{{"id", id}, {"author", author}, {"posted_at", "2025-03-01T10:00:00Z"}, {"text", text}}.dump() + "\n";
}

std::string ScreeningInput() {
  std::string in;
  const char* edits[] = {"", "！", "，真心推荐", "。"};
  for (int i = 0; i < 4; ++i) in += Line("ad" + std::to_string(i), "u" + std::to_string(i), kAd + std::string(edits[i]));
  for (int i = 0; i < 3; ++i) in += Line("hot" + std::to_string(i), "v" + std::to_string(i), kHarmless + std::string(edits[i]));
  in += Line("x1", "w1", "求推荐一下性价比高的地方，最近想做个双眼皮，预算不多，有没有姐妹分享下经验");
  in += Line("x2", "w2", "下班路上看到一只小猫在路边晒太阳，拍了好多照片，回家给它买了一袋猫粮");
  return in;
}

std::shared_ptr<const screen::Screener> KbScreener() {
  GlobalOptions options;
  options.kb_dir = JIANMEI_SOURCE_DIR "/kb";
  auto s = LoadScreener(options);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : nullptr;
}

TEST(CampaignsCommand, ScreeningFindingsFeedTheScoreAndNameTheProcedures) {
  auto screener = KbScreener();
  ASSERT_TRUE(screener);
  CampaignRunOptions options;
  options.screener = screener.get();
  options.shared_text = true;
  CampaignCounts counts;
  const auto out = RunOn(ScreeningInput(), options, &counts);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(counts.campaigns, 1u);
  EXPECT_EQ(counts.shared_text, 1u);
  const json& ad = out[0];  // the worst case ranks first
  EXPECT_EQ(ad["campaign"], "c1");
  EXPECT_EQ(ad["kind"], "campaign");
  EXPECT_EQ(ad["members"].size(), 4u);
  EXPECT_DOUBLE_EQ(ad["score_parts"]["findings"].get<double>(), 1.0);
  ASSERT_FALSE(ad["procedures"].empty());
  EXPECT_EQ(ad["procedures"][0]["kind"], "procedure");
  EXPECT_EQ(ad["procedures"][0]["name"], "小腿神经离断瘦腿手术");  // the kb's name for the alias
  EXPECT_EQ(ad["procedures"][0]["posts"], 4);
  bool clinic = false;
  for (const json& i : ad["institutions"]) clinic |= i["value"] == "星悦整形医院";
  EXPECT_TRUE(clinic) << ad.dump();
  const json& harmless = out[1];  // no contact, offer or promotion: shared text, after campaigns
  EXPECT_EQ(harmless["campaign"], "c5");
  EXPECT_EQ(harmless["kind"], "shared_text");
  EXPECT_LT(harmless["score_parts"]["findings"].get<double>(), 0.2);
  EXPECT_TRUE(harmless["procedures"].empty());
  EXPECT_LT(harmless["score"].get<int>(), ad["score"].get<int>());

  // By default shared text is counted, not written.
  options.shared_text = false;
  const auto campaigns_only = RunOn(ScreeningInput(), options, &counts);
  ASSERT_EQ(campaigns_only.size(), 1u);
  EXPECT_EQ(campaigns_only[0]["campaign"], "c1");
  EXPECT_EQ(counts.shared_text, 1u);

  // Without screening the findings part is 0 and nothing is named.
  const auto plain = RunOn(ScreeningInput(), {}, &counts);
  for (const json& c : plain) {
    EXPECT_EQ(c["score_parts"]["findings"], 0.0);
    EXPECT_TRUE(c["procedures"].empty());
  }
}

TEST(CampaignsCommand, ScanAddsTheCampaignOfEachPostFromASavedIndex) {
  auto screener = KbScreener();
  ASSERT_TRUE(screener);
  const std::string path = ::testing::TempDir() + "/scan-campaigns.idx";
  CampaignRunOptions options;
  options.save_index = path;
  CampaignCounts counts;
  RunOn(ScreeningInput(), options, &counts);
  ASSERT_FALSE(counts.failed);
  auto index = campaign::Index::LoadFile(path);
  std::remove(path.c_str());
  ASSERT_TRUE(index.ok()) << index.status().ToString();

  std::istringstream in(Line("new-ad", "u9", std::string(kAd) + "，名额有限") +
                        Line("new-hot", "v9", std::string(kHarmless) + "！") +
                        Line("other", "w9", "下班路上看到一只小猫在路边晒太阳，拍了好多照片") +
                        "not json\n");
  std::ostringstream out, err;
  ScanOptions scan;
  scan.threads = 2;
  scan.campaigns = index->get();
  const size_t before = (*index)->size();
  const ScanCounts c = RunScan(*screen::Pipeline::Create(screener), in, out, err, scan);
  EXPECT_EQ(c.lines, 4u);
  EXPECT_EQ(c.errors, 1u);
  EXPECT_EQ((*index)->size(), before);  // scanning does not add to the index
  std::vector<json> lines;
  std::istringstream o(out.str());
  std::string first;
  for (std::string l; std::getline(o, l);) {
    if (first.empty()) first = l;
    lines.push_back(json::parse(l));
  }
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(first.rfind("{\"id\":\"new-ad\",", 0), 0u) << first;  // the contract's id still first
  EXPECT_EQ(lines[0]["campaign"], "c1");
  EXPECT_EQ(lines[0]["verdict"], "violation");
  EXPECT_FALSE(lines[1].contains("campaign"));  // its cluster is shared text, not a campaign
  EXPECT_FALSE(lines[2].contains("campaign"));  // x2 was a single post, not a campaign
  EXPECT_TRUE(lines[3].contains("error"));
  EXPECT_FALSE(lines[3].contains("campaign"));

  EXPECT_FALSE(campaign::Index::LoadFile("/nonexistent-dir/x.idx").ok());
}

TEST(CampaignsCommand, MembersAndAccountsAreListedUpToTheLimitAndTheRestCounted) {
  CampaignRunOptions options;
  options.max_members = 2;
  CampaignCounts counts;
  const auto out = RunOn(Jsonl(Small()), options, &counts);
  ASSERT_EQ(out.size(), 3u);
  for (const json& c : out) {
    const size_t posts = c["posts"], accounts = c["account_count"];
    EXPECT_EQ(c["members"].size(), 2u);
    EXPECT_EQ(c["members_omitted"].get<size_t>(), posts - 2);
    EXPECT_EQ(c["accounts"].size(), 2u);
    EXPECT_EQ(c["accounts_omitted"].get<size_t>(), accounts - 2);
  }
}

TEST(CampaignsCommand, EmptyInputHasNoCampaigns) {
  CampaignCounts counts;
  EXPECT_TRUE(RunOn("", {}, &counts).empty());
  EXPECT_EQ(counts.lines, 0u);
  EXPECT_FALSE(counts.failed);
}

}  // namespace
}  // namespace jianmei::cli
