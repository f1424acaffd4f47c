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

TEST(CampaignsCommand, EmptyInputHasNoCampaigns) {
  CampaignCounts counts;
  EXPECT_TRUE(RunOn("", {}, &counts).empty());
  EXPECT_EQ(counts.lines, 0u);
  EXPECT_FALSE(counts.failed);
}

}  // namespace
}  // namespace jianmei::cli
