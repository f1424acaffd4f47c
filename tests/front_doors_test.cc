// The three front doors — `scan`, `check --json` and POST /api/v1/screen — screen through one
// pipeline: with the demo registry loaded (imported through the API, read by the CLI from the same
// database), every demo post gets byte-identical findings from each.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "cli/check_command.h"
#include "cli/registry_home.h"
#include "cli/registry_screening.h"
#include "cli/scan_command.h"
#include "server/test_server.h"

namespace jianmei {
namespace {

using nlohmann::json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(FrontDoors, ScanCheckAndTheApiGiveTheSameFindingsWithTheDemoRegistry) {
  server::RunningServer server(server::TestConfig());
  httplib::Client client = server.Client();
  const std::string demo = std::string(JIANMEI_SOURCE_DIR) + "/samples/registry/";
  for (const char* file : {"institutions.csv", "doctors.csv"}) {
    auto r = client.Post("/api/v1/registry", {{"Authorization", std::string("Bearer ") + server::kToken}},
                         ReadFile(demo + file), "text/csv");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << file << ": " << r->body;
  }

  cli::GlobalOptions global;
  global.kb_dir = std::string(JIANMEI_SOURCE_DIR) + "/kb";
  global.registry = store::DatabasePath(server.home());
  global.load_directory = cli::LoadDirectoryForScreening;
  auto pipeline = cli::LoadPipeline(global);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  ASSERT_TRUE((*pipeline)->names());

  const std::string posts = ReadFile(demo + "posts.jsonl");
  std::istringstream in(posts);
  std::ostringstream scanned, err;
  cli::ScanOptions options;
  options.threads = 2;
  const cli::ScanCounts counts = cli::RunScan(**pipeline, in, scanned, err, options);
  ASSERT_EQ(counts.errors, 0u) << scanned.str();

  std::istringstream lines(posts), records(scanned.str());
  std::string line, record;
  size_t n = 0, with_registry = 0;
  bool beyond_licence = false;
  while (std::getline(lines, line)) {
    ASSERT_TRUE(std::getline(records, record));
    const json post = json::parse(line);
    const std::string text = post["text"];
    const json from_scan = json::parse(record);

    std::ostringstream checked, check_err;
    ASSERT_EQ(cli::RunCheck(**pipeline, text, {}, /*json=*/true, checked, check_err), cli::kExitOk)
        << check_err.str();
    const json from_check = json::parse(checked.str());

    auto r = server::PostJson(client, "/api/v1/screen", line);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const json from_api = json::parse(r->body);

    EXPECT_EQ(from_scan["findings"].dump(), from_check["findings"].dump()) << text;
    EXPECT_EQ(from_scan["findings"].dump(), from_api["findings"].dump()) << text;
    // The whole record agrees too, but for the id only the caller's records carry.
    json api_report = from_api, scan_report = from_scan;
    api_report.erase("id");
    scan_report.erase("id");
    EXPECT_EQ(scan_report, from_check) << text;
    EXPECT_EQ(api_report, from_check) << text;
    for (const json& f : from_api["findings"]) {
      const std::string rule = f["rule"];
      with_registry += rule.starts_with("registry.");
      beyond_licence = beyond_licence || (text == "眠松医美隆乳术特惠，仅需19800，私信预约" &&
                                          f["category"] == "beyond_licence_scope");
    }
    ++n;
  }
  EXPECT_EQ(n, 5u);
  EXPECT_GE(with_registry, 4u);  // every demo post but the one whose doctor is registered
  EXPECT_TRUE(beyond_licence) << "the API runs the registry stage";
}

}  // namespace
}  // namespace jianmei
