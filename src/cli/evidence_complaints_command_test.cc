#include "cli/evidence_complaints_command.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "cli/registry_command.h"
#include "evidence/complaint.h"
#include "store/evidence_log.h"
#include "store/test_util.h"

namespace jianmei::cli {
namespace {

using nlohmann::json;

struct CommandRun {
  int code;
  std::vector<json> lines;
  std::string err;
};

CommandRun Complaints(const std::string& home, const std::string& institution = "") {
  std::ostringstream out, err;
  ComplaintsOptions o;
  o.home = home;
  o.global.kb_dir = JIANMEI_SOURCE_DIR "/kb";
  o.institution = institution;
  CommandRun r{RunComplaints(o, out, err), {}, err.str()};
  std::istringstream lines(out.str());
  for (std::string l; std::getline(lines, l);) r.lines.push_back(json::parse(l));
  return r;
}

// Complaints (fictional) naming demo-registry institutions as victims would: by alias, by full
// name, by licence number, and one the registry does not know.
void AddComplaints(const std::string& home) {
  auto log = store::EvidenceLog::Open({home});
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  for (const char* who : {"眠松医美", "深圳眠松医疗美容诊所", "深圳市泊月医疗美容医院有限公司",
                          "PDY10007X440305170P122", "城西某无证工作室", "城西某无证工作室"}) {
    evidence::Complaint c;
    c.procedure = "玻尿酸注射";
    c.institution = who;
    c.narrative = "注射后局部红肿，诊所拒绝处理";
    ASSERT_TRUE((*log)->Append(evidence::ComplaintEntry(c, "2025-04-01T00:00:00Z")).ok());
  }
}

TEST(EvidenceComplaints, ComplaintsAreLinkedToRegistryInstitutionsAndCountedInTheirProfile) {
  store::TempDir home;
  AddComplaints(home.path());

  // No registry yet: listed by name, nothing linked.
  CommandRun before = Complaints(home.path());
  ASSERT_EQ(before.code, kExitOk) << before.err;
  ASSERT_EQ(before.lines.size(), 5u);
  EXPECT_EQ(before.lines[0]["institution"], "城西某无证工作室");
  EXPECT_EQ(before.lines[0]["complaints"], 2);
  for (const json& l : before.lines) EXPECT_FALSE(l.contains("licence")) << l.dump();
  EXPECT_NE(before.err.find("no registry"), std::string::npos) << before.err;
  EXPECT_EQ(Complaints(home.path(), "眠松医美").code, kExitFailure);

  std::ostringstream out, err;
  ASSERT_EQ(RunRegistryImport({JIANMEI_SOURCE_DIR "/samples/registry/institutions.csv", false, "", home.path()},
                              out, err), kExitOk) << err.str();

  CommandRun all = Complaints(home.path());
  ASSERT_EQ(all.code, kExitOk) << all.err;
  EXPECT_NE(all.err.find("4 newly linked to the registry, 2 naming no single"), std::string::npos) << all.err;
  ASSERT_EQ(all.lines.size(), 4u);
  // Most complaints first; ties by licence, the unlinked (no licence) first.
  EXPECT_EQ(all.lines[0]["institution"], "城西某无证工作室");
  EXPECT_EQ(all.lines[0]["linked"], false);
  EXPECT_EQ(all.lines[0]["complaints"], 2);
  EXPECT_EQ(all.lines[1]["licence"], "备44030520260001");  // alias and full name: 2 complaints
  EXPECT_EQ(all.lines[1]["name"], "深圳眠松医疗美容诊所");
  EXPECT_EQ(all.lines[1]["complaints"], 2);
  EXPECT_EQ(all.lines[2]["licence"], "PDY10006X440305170P122");
  EXPECT_EQ(all.lines[3]["licence"], "PDY10007X440305170P122");

  // The profile, asked by alias or licence, counts the complaints linked to the licence.
  for (const char* ask : {"眠松医美", "备44030520260001"}) {
    CommandRun profile = Complaints(home.path(), ask);
    ASSERT_EQ(profile.code, kExitOk) << profile.err;
    ASSERT_EQ(profile.lines.size(), 1u);
    const json& p = profile.lines[0];
    EXPECT_EQ(p["name"], "深圳眠松医疗美容诊所");
    EXPECT_EQ(p["type"], "医疗美容诊所");
    EXPECT_EQ(p["status"], "valid");
    EXPECT_EQ(p["complaints"], 2);
    EXPECT_EQ(p["complaint_entries"], json::array({0, 1}));
    EXPECT_NE(profile.err.find("0 newly linked"), std::string::npos) << profile.err;  // done once
  }
  CommandRun none = Complaints(home.path(), "深圳市听澜生活美容馆");
  ASSERT_EQ(none.code, kExitOk) << none.err;
  EXPECT_EQ(none.lines[0]["complaints"], 0);
  CommandRun unknown = Complaints(home.path(), "城西某无证工作室");
  EXPECT_EQ(unknown.code, kExitInputErrors);
  EXPECT_NE(unknown.err.find("no institution"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace jianmei::cli
