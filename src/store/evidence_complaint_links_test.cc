#include "store/evidence_complaint_links.h"

#include <gtest/gtest.h>

#include <map>

#include "evidence/complaint.h"
#include "store/evidence_log.h"
#include "store/test_util.h"

namespace jianmei::store {
namespace {

// All names and licences are fictional.
evidence::Entry ComplaintAgainst(const std::string& institution) {
  evidence::Complaint c;
  c.procedure = "小腿神经阻断术";
  c.institution = institution;
  c.narrative = "术后无法正常行走";
  return evidence::ComplaintEntry(c, "2025-03-01T00:00:00Z");
}

TEST(ComplaintLinks, ComplaintsResolvingToOneInstitutionAreLinkedAndCounted) {
  TempDir dir;
  auto log = EvidenceLog::Open({dir.path() + "/home"});
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  ASSERT_TRUE((*log)->Append(SampleEntry(0)).ok());
  for (const char* who : {"星悦医疗美容诊所", "星悦", "某某美容工作室", "星悦医疗美容诊所", "无名诊所"}) {
    ASSERT_TRUE((*log)->Append(ComplaintAgainst(who)).ok());
  }
  // Entries 1..5. A registry where "星悦" is a short name of the clinic and "某某美容工作室"
  // is ambiguous (two venues), "无名诊所" unknown.
  std::map<std::string, std::string> registry = {{"星悦医疗美容诊所", "PDY00001X"}, {"星悦", "PDY00001X"}};
  std::vector<std::string> asked;
  InstitutionResolver resolve = [&](std::string_view name) -> std::optional<std::string> {
    asked.emplace_back(name);
    auto it = registry.find(std::string(name));
    if (it == registry.end()) return std::nullopt;
    return it->second;
  };
  Db* db = (*log)->db();
  auto counts = LinkComplaints(db, resolve);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->linked, 3u);
  EXPECT_EQ(counts->unresolved, 2u);
  EXPECT_EQ(asked.size(), 5u);  // captures are not complaints
  EXPECT_EQ(*ComplaintsOfLicence(db, "PDY00001X"), (std::vector<uint64_t>{1, 2, 4}));
  EXPECT_TRUE(ComplaintsOfLicence(db, "PDY00002X")->empty());

  auto tally = TallyComplaints(db);
  ASSERT_TRUE(tally.ok()) << tally.status().ToString();
  ASSERT_EQ(tally->size(), 3u);
  EXPECT_EQ((*tally)[0].licence, "PDY00001X");
  EXPECT_EQ((*tally)[0].institution, "");
  EXPECT_EQ((*tally)[0].complaints, 3u);
  EXPECT_EQ((*tally)[1].licence, "");  // unlinked, by name
  EXPECT_EQ((*tally)[1].complaints, 1u);
  EXPECT_EQ((*tally)[1].institution, "无名诊所");  // names sort bytewise: 无 (E6 97) < 某 (E6 9F)
  EXPECT_EQ((*tally)[2].institution, "某某美容工作室");

  // Linked complaints are not asked again; a name the registry learns later links then.
  asked.clear();
  registry["无名诊所"] = "PDY00002X";
  counts = LinkComplaints(db, resolve);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->linked, 1u);
  EXPECT_EQ(counts->unresolved, 1u);
  EXPECT_EQ(asked, (std::vector<std::string>{"某某美容工作室", "无名诊所"}));
  EXPECT_EQ(*ComplaintsOfLicence(db, "PDY00002X"), (std::vector<uint64_t>{5}));

  // A resolver answering an empty licence is an error and links nothing, not even entry 6.
  ASSERT_TRUE((*log)->Append(ComplaintAgainst("星悦")).ok());
  registry["某某美容工作室"] = "";
  counts = LinkComplaints(db, resolve);
  ASSERT_FALSE(counts.ok());
  EXPECT_NE(counts.status().message().find("entry 3"), std::string::npos) << counts.status().ToString();
  EXPECT_EQ(ComplaintsOfLicence(db, "PDY00001X")->size(), 3u);

  // Links persist, and the log still passes its full audit.
  log->reset();
  log = EvidenceLog::Open({dir.path() + "/home"});
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(ComplaintsOfLicence((*log)->db(), "PDY00001X")->size(), 3u);
  EXPECT_EQ((*log)->size(), 7u);
}

}  // namespace
}  // namespace jianmei::store
