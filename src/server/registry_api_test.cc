// The registry's endpoints against a real server on 127.0.0.1 (server/test_server.h): import,
// search, an institution's detail with its doctors, findings and linked complaints, and qualify.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "evidence/complaint.h"
#include "server/api_server.h"
#include "server/test_server.h"
#include "store/evidence_complaint_links.h"
#include "store/evidence_log.h"
#include "store/registry_store.h"

namespace jianmei::server {
namespace {

// Fictional registry rows (doc/registry.md): a 医疗美容诊所 and a 生活美容院, which is no medical
// institution at all.
constexpr char kInstitutionsCsv[] =
    "licence,name,type,level,city,status,valid_from,valid_until,departments,projects,aliases\n"
    "备44030520260001,深圳虚构晨光医疗美容诊所,医疗美容诊所,,深圳市,valid,2024-01-01,2030-12-31,医疗美容科,,晨光医美\n"
    "91440300MA5FAKE01X,深圳虚构丽人美容会所,生活美容院,,深圳市,valid,,,,,虚构丽人\n";
constexpr char kDoctorsCsv[] =
    "doctor_licence,name,institution_licence,specialties,status\n"
    "110440300099001,虚构医生甲,备44030520260001,美容皮肤科:2019,valid\n";

httplib::Result PostCsv(httplib::Client& c, const std::string& path, const std::string& body,
                        const std::string& token) {
  httplib::Headers headers = {{"Authorization", "Bearer " + token}};
  return c.Post(path.c_str(), headers, body, "text/csv");
}

class RegistryApiTest : public ApiTest {
 protected:
  void SetUp() override {
    auto r = PostCsv(client_, "/api/v1/registry", kInstitutionsCsv, kToken);
    json j = Body(r);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(j["institutions_added"], 2);
    r = PostCsv(client_, "/api/v1/registry", kDoctorsCsv, kToken);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(Body(r)["doctors_added"], 1);
  }
};

TEST_F(ApiTest, RegistryImportNeedsTheTokenAndRejectsBadFilesWhole) {
  ExpectError(PostCsv(client_, "/api/v1/registry", kInstitutionsCsv, "wrong-token-0123456789"), 401,
              "unauthorized");
  ExpectError(client_.Post("/api/v1/registry", {{"Authorization", std::string("Bearer ") + kToken}},
                           kInstitutionsCsv, "application/json"),
              415, "unsupported_media_type", "text/csv");
  // One bad row (a licence that is no 登记号) and one good: nothing is imported.
  const std::string bad = std::string(kInstitutionsCsv) +
                          "PDY-1,虚构坏行诊所,医疗美容诊所,,深圳市,valid,,,,,\n";
  auto r = PostCsv(client_, "/api/v1/registry", bad, kToken);
  ExpectError(r, 400, "bad_request", "line 4");
  EXPECT_EQ(Body(r)["error"]["rows"].size(), 1u) << r->body;
  EXPECT_TRUE(Body(client_.Get("/api/v1/institutions?q=%E8%99%9A%E6%9E%84"))["results"].empty())  // 虚构
      << "a file with a bad row imports nothing";
  // A doctor at an institution the registry does not know.
  ExpectError(PostCsv(client_, "/api/v1/registry", kDoctorsCsv, kToken), 400, "bad_request", "institution");
  ExpectError(PostCsv(client_, "/api/v1/registry", "not,a,registry\n1,2,3\n", kToken), 400, "bad_request");
  // JSON Lines are read too, and a re-import of the same licence updates it.
  const std::string line =
      R"({"licence":"备44030520260002","name":"深圳虚构星河医疗美容诊所","type":"医疗美容诊所","status":"valid"})";
  for (int added : {1, 0}) {
    auto ok = client_.Post("/api/v1/registry", {{"Authorization", std::string("Bearer ") + kToken}},
                           line + "\n", "application/x-ndjson");
    json j = Body(ok);
    ASSERT_EQ(ok->status, 200) << ok->body;
    EXPECT_EQ(j["institutions_added"], added);
    EXPECT_EQ(j["institutions_updated"], 1 - added);
    EXPECT_EQ(j["registry_size"], 1);
  }
}

// The rule `jianmei registry import` follows, with the same messages (doc/registry.md, *Which
// problems stop the file*): an empty file, a row with the wrong number of fields and a value
// holding a control character each import nothing, and the error names the line.
TEST_F(ApiTest, RegistryImportReportsEmptyFilesFieldCountsAndControlCharactersAsTheCliDoes) {
  auto post_ndjson = [&](const std::string& body) {
    return client_.Post("/api/v1/registry", {{"Authorization", std::string("Bearer ") + kToken}}, body,
                        "application/x-ndjson");
  };
  ExpectError(PostCsv(client_, "/api/v1/registry", "", kToken), 400, "bad_request",
              "line 1: empty file: no header line");
  ExpectError(post_ndjson("\n"), 400, "bad_request", "line 1: empty file: no JSON object");
  const std::string header =
      "licence,name,type,level,city,status,valid_from,valid_until,departments,projects,aliases\n";
  const std::string good = "备44030520260001,深圳虚构晨光医疗美容诊所,医疗美容诊所,,深圳市,valid,,,,,\n";
  auto r = PostCsv(client_, "/api/v1/registry", header + good + "备44030520260002,深圳虚构某诊所,医疗美容诊所\n",
                   kToken);
  ExpectError(r, 400, "bad_request", "line 3: row has 3 fields but the header has 11");
  r = PostCsv(client_, "/api/v1/registry",
              header + good + "备44030520260003,深圳虚构某" + '\0' + "诊所,医疗美容诊所,,深圳市,valid,,,,,\n",
              kToken);
  ExpectError(r, 400, "bad_request", "line 3, column name: control character U+0000 at byte 15");
  ExpectError(post_ndjson(R"({"licence":"备44030520260004","name":"虚构\u0007诊所","type":"医疗美容诊所","status":"valid"})"
                          "\n"),
              400, "bad_request", "line 1, column name: control character U+0007 at byte 6");
  EXPECT_TRUE(Body(client_.Get("/api/v1/institutions?q=%E8%99%9A%E6%9E%84"))["results"].empty())  // 虚构
      << "nothing was imported";
}

TEST_F(RegistryApiTest, SearchesInstitutionsByNameAliasOrLicence) {
  json by_alias = Body(client_.Get("/api/v1/institutions?q=%E6%99%A8%E5%85%89%E5%8C%BB%E7%BE%8E"));  // 晨光医美
  ASSERT_EQ(by_alias["results"].size(), 1u) << by_alias.dump();
  EXPECT_EQ(by_alias["results"][0]["licence"], "备44030520260001");
  EXPECT_EQ(by_alias["results"][0]["type"], "医疗美容诊所");
  json by_licence = Body(client_.Get("/api/v1/institutions?q=91440300MA5FAKE01X"));
  ASSERT_EQ(by_licence["results"].size(), 1u);
  EXPECT_EQ(by_licence["results"][0]["name"], "深圳虚构丽人美容会所");
  EXPECT_TRUE(Body(client_.Get("/api/v1/institutions?q=zzzz"))["results"].empty());
  ExpectError(client_.Get("/api/v1/institutions"), 400, "bad_request", "q");
  ExpectError(client_.Get("/api/v1/institutions?q=%C3"), 400, "bad_request", "UTF-8");
  ExpectError(client_.Get(("/api/v1/institutions?q=" + std::string(201, 'a')).c_str()), 400,
              "bad_request", "200");
}

TEST_F(RegistryApiTest, InstitutionDetailHasDoctorsAndTheFindingsSoFar) {
  json posts = json::array({
      {{"text", "晨光医美做热玛吉，全网最低价，没有副作用"}, {"institution", "晨光医美"},
       {"posted_at", "2026-02-01T10:00:00+08:00"}},
      {{"text", kCalfPost}, {"institution", "深圳虚构晨光医疗美容诊所"}, {"posted_at", "2026-02-02T10:00:00+08:00"}},
      {{"text", kCalfPost}, {"institution", "别的机构"}},
  });
  auto stored = PostJson(client_, "/api/v1/screen", json({{"posts", posts}, {"store", true}}).dump(), kToken);
  ASSERT_EQ(stored->status, 200) << stored->body;
  json screened = Body(stored);
  const size_t expected_findings =
      screened["results"][0]["findings"].size() + screened["results"][1]["findings"].size();

  auto r = client_.Get("/api/v1/institutions/%E5%A4%8744030520260001");  // 备44030520260001
  json j = Body(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(j["name"], "深圳虚构晨光医疗美容诊所");
  EXPECT_EQ(j["status"], "valid");
  ASSERT_EQ(j["doctors"].size(), 1u);
  EXPECT_EQ(j["doctors"][0]["name"], "虚构医生甲");
  const json& h = j["history"];
  EXPECT_EQ(h["posts"], 2) << "posts under its name and its alias, not the other institution's";
  EXPECT_EQ(h["findings"], expected_findings);
  ASSERT_EQ(h["recent"].size(), 2u);
  EXPECT_EQ(h["recent"][0]["stored_id"], screened["results"][1]["stored_id"]) << "newest first";
  bool banned = false;
  for (const json& f : h["recent"][0]["findings"]) {
    if (f["category"] == "non_catalog_procedure") {
      banned = true;
      EXPECT_EQ(f["text"], "小腿肌肉阻断术");
    }
  }
  EXPECT_TRUE(banned) << h.dump();

  ExpectError(client_.Get("/api/v1/institutions/NO-SUCH-LICENCE"), 404, "not_found", "NO-SUCH-LICENCE");
}

// Archives fictional complaints naming institutions as victims would, then links them to the
// registry the way `jianmei evidence complaints` does: a licence, else exactly one name match.
void ArchiveAndLinkComplaints(const std::string& home, const std::vector<std::string>& names) {
  auto log = store::EvidenceLog::Open({home});
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  for (const std::string& who : names) {
    evidence::Complaint c;
    c.procedure = "玻尿酸注射";
    c.institution = who;
    c.narrative = "注射后局部红肿，诊所拒绝处理";
    ASSERT_TRUE((*log)->Append(evidence::ComplaintEntry(c, "2026-02-01T00:00:00Z")).ok());
  }
  auto screener = testing::RepoScreener();
  auto registry = RegistryService::Open(store::DatabasePath(home),
                                        std::shared_ptr<const kb::Knowledge>(screener, &screener->knowledge()));
  ASSERT_TRUE(registry.ok()) << registry.status().ToString();
  auto directory = (*registry)->directory();
  auto linked = store::LinkComplaints((*log)->db(), [&](std::string_view name) -> std::optional<std::string> {
    auto by_licence = directory->FindByLicence(name);
    if (by_licence.ok() && *by_licence) return (*by_licence)->licence;
    auto found = directory->FindByName(name);
    if (!found.ok() || found->size() != 1) return std::nullopt;
    return (*found)[0].licence;
  });
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
}

TEST_F(RegistryApiTest, InstitutionDetailCountsTheComplaintsLinkedToIt) {
  const char* clinic = "/api/v1/institutions/%E5%A4%8744030520260001";  // 备44030520260001
  const char* salon = "/api/v1/institutions/91440300MA5FAKE01X";
  const json none = {{"count", 0}, {"entries", json::array()}};
  // Nothing archived yet: the database has no evidence tables, which is no error.
  {
    auto db = store::Db::Open(store::DatabasePath(server_.home()));
    ASSERT_TRUE(db.ok());
    ASSERT_FALSE(*store::HasTable(db->get(), "complaints")) << "the premise: no evidence tables";
    auto r = client_.Get(clinic);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(Body(r)["complaints"], none) << r->body;
  }

  // Entries 0..4: by alias, by a venue the registry does not know, by full name, by licence, and
  // one against the salon by its alias.
  ArchiveAndLinkComplaints(server_.home(), {"晨光医美", "城西某无证工作室", "深圳虚构晨光医疗美容诊所",
                                            "备44030520260001", "虚构丽人"});
  auto r = client_.Get(clinic);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = Body(r);
  EXPECT_EQ(j["complaints"]["count"], 3) << r->body;
  EXPECT_EQ(j["complaints"]["entries"], json::array({0, 2, 3})) << r->body;
  EXPECT_EQ(j["name"], "深圳虚构晨光医疗美容诊所") << "the rest of the answer is unchanged";
  EXPECT_EQ(Body(client_.Get(salon))["complaints"], json({{"count", 1}, {"entries", {4}}}));
}

TEST_F(RegistryApiTest, InstitutionWithoutLinkedComplaintsCountsNone) {
  ArchiveAndLinkComplaints(server_.home(), {"晨光医美", "城西某无证工作室"});
  auto r = client_.Get("/api/v1/institutions/91440300MA5FAKE01X");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["complaints"], json({{"count", 0}, {"entries", json::array()}})) << r->body;
}

TEST_F(RegistryApiTest, QualifiesAnInstitutionForAProcedure) {
  // A beauty salon is no medical institution: it may do no medical-aesthetics procedure.
  auto r = PostJson(client_, "/api/v1/qualify",
                    json({{"institution", "虚构丽人"}, {"procedure", "瘦腿针"}, {"date", "2026-03-01"}}).dump());
  json j = Body(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(j["outcome"], "not_allowed");
  EXPECT_EQ(j["institution"]["licence"], "91440300MA5FAKE01X");
  EXPECT_EQ(j["date"], "2026-03-01");
  EXPECT_FALSE(j["reasons"].empty());
  EXPECT_TRUE(j.contains("category"));

  // A banned procedure is allowed nowhere, even at a licensed clinic.
  json banned = Body(PostJson(client_, "/api/v1/qualify",
                              json({{"institution", "备44030520260001"}, {"procedure", "小腿阻断"}}).dump()));
  EXPECT_EQ(banned["outcome"], "not_allowed") << banned.dump();
  EXPECT_EQ(banned["category"], "non_catalog_procedure") << banned.dump();

  // The licence is valid until 2030-12-31: after that the clinic may do nothing.
  json expired = Body(PostJson(client_, "/api/v1/qualify",
                               json({{"institution", "晨光医美"}, {"procedure", "瘦腿针"}, {"date", "2031-01-01"}}).dump()));
  EXPECT_EQ(expired["outcome"], "not_allowed") << expired.dump();

  ExpectError(PostJson(client_, "/api/v1/qualify", json({{"institution", "不存在的机构"}, {"procedure", "瘦腿针"}}).dump()),
              404, "not_found", "不存在的机构");
  ExpectError(PostJson(client_, "/api/v1/qualify", json({{"institution", "晨光医美"}, {"procedure", "zzzz"}}).dump()),
              404, "not_found", "zzzz");
  ExpectError(PostJson(client_, "/api/v1/qualify", json({{"institution", "晨光医美"}, {"procedure", "瘦腿针"}, {"date", "2026-02-30"}}).dump()),
              400, "bad_request", "date");
  ExpectError(PostJson(client_, "/api/v1/qualify", "{\"institution\":1}"), 400, "bad_request", "institution");
  ExpectError(PostJson(client_, "/api/v1/qualify", "{"), 400, "bad_request", "JSON");
  ExpectError(client_.Get("/api/v1/qualify"), 405, "method_not_allowed", "POST");
}

// `jianmei registry import` by another process while the server runs: look-ups see it at once
// (they are queries), and the names screening finds follow without a restart — the server sees
// the registry's new content version and rebuilds its name matcher in the background.
TEST(RegistryService, NamesFollowAnImportByAnotherProcess) {
  store::TempDir home;
  auto screener = testing::RepoScreener();
  std::shared_ptr<const kb::Knowledge> kb(screener, &screener->knowledge());
  auto service = RegistryService::Open(store::DatabasePath(home.path()), kb);
  ASSERT_TRUE(service.ok()) << service.status().ToString();
  auto named = [&](const screen::InstitutionNames& names) {
    auto scratch = names.NewScratch();
    EXPECT_TRUE(scratch.ok());
    auto found = names.Find("晨光医美隆鼻特惠", **scratch);
    EXPECT_TRUE(found.ok());
    std::vector<std::string> licences;
    for (const auto& n : *found) licences.insert(licences.end(), n.licences.begin(), n.licences.end());
    return licences;
  };
  auto before = (*service)->names();
  EXPECT_TRUE(named(*before).empty());

  {  // the other process
    auto db = store::Db::Open(store::DatabasePath(home.path()));
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(store::MigrateRegistrySchema(db->get()).ok());
    registry::ParsedRegistry parsed = registry::ReadRegistry(kInstitutionsCsv, registry::FileFormat::kCsv);
    ASSERT_TRUE(parsed.errors.empty());
    ASSERT_TRUE(store::SaveRegistry(db->get(), kb->normalizer(), parsed.institutions, parsed.doctors).ok());
  }
  auto found = (*service)->directory()->FindByLicence("备44030520260001");
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->has_value());

  (*service)->set_recheck_interval(std::chrono::milliseconds(0));
  (*service)->names();  // sees the new version, starts the rebuild
  (*service)->WaitForRebuild();
  auto after = (*service)->names();
  EXPECT_NE(after, before);
  EXPECT_EQ(named(*after), std::vector<std::string>{"备44030520260001"});
  // Nothing changed since: the same names are kept.
  (*service)->names();
  (*service)->WaitForRebuild();
  EXPECT_EQ((*service)->names(), after);
}

}  // namespace
}  // namespace jianmei::server
