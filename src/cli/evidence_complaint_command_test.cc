// The demo complaint end to end: the demo registry's 诊所 (fictional) advertised 隆乳术, a victim
// records the post and a complaint, and the exported report carries every field of a filing.
#include "cli/evidence_complaint_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli/registry_command.h"
#include "cli/registry_home.h"
#include "evidence/bundle.h"
#include "evidence/report_html.h"
#include "store/evidence_log.h"
#include "store/files.h"
#include "store/migrations.h"
#include "store/test_util.h"

namespace jianmei::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace ev = jianmei::evidence;

constexpr char kPost[] = "眠松医美隆乳术特惠，仅需19800，私信预约";
// Not a real PNG: the report shows it by its media type and must carry its bytes unchanged.
constexpr char kPng[] = "\x89PNG\r\n\x1a\nscreenshot of the post";

constexpr char kComplaint[] = R"({
  "complainant_name": "李某某", "complainant_contact": "138 0000 0000",
  "institution": "眠松医美", "institution_address": "深圳市某区某路 1 号",
  "procedure": "隆乳术", "date": "2025-02-14",
  "narrative": "看到帖文后到该诊所做了隆乳术，术后感染，取出假体。",
  "paid_cents": 1980000, "harms": ["切口感染", "二次手术取出假体"],
  "appraisal": "", "requests": ["退还手术费 19800 元", "依法查处超范围执业"],
  "evidence_ids": [0]})";

class ComplaintCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ostringstream out, err;
    ASSERT_EQ(RunRegistryImport({JIANMEI_SOURCE_DIR "/samples/registry/institutions.csv", false, "", home_.path()},
                                out, err), kExitOk) << err.str();
    auto log = store::EvidenceLog::Open({home_.path()});
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    ev::Entry post;
    post.recorded_at = "2025-02-01T09:00:00+08:00";
    post.url = "https://example.com/p/1";
    post.author = "眠松医美官方";
    post.platform = "示例平台";
    post.text = kPost;
    png_ = std::string(kPng, sizeof kPng - 1);
    post.attachments.push_back({ev::Sha256(png_), png_.size(), "image/png", "帖文截图.png"});
    ASSERT_TRUE((*log)->AppendWithReceipt(post, std::vector<std::string>{png_}).ok());
  }

  int New(const std::string& json, std::string* err_text) {
    std::istringstream in(json);
    std::ostringstream out, err;
    int code = RunComplaintNew({home_.path(), "-", "2025-03-01T10:00:00+08:00", ""}, in, out, err);
    *err_text = err.str();
    return code;
  }

  int Export(uint64_t index, std::string* err_text) {
    ComplaintExportOptions o;
    o.home = home_.path();
    o.global.kb_dir = JIANMEI_SOURCE_DIR "/kb";
    o.index = index;
    o.out = home_.path() + "/bundle.json";
    o.html = home_.path() + "/report.html";
    std::ostringstream out, err;
    int code = RunComplaintExport(o, out, err);
    *err_text = err.str();
    return code;
  }

  store::TempDir home_;
  std::string png_;
};

TEST_F(ComplaintCommandTest, TheReportOfTheDemoComplaintCarriesEveryFieldOfAFiling) {
  std::string err;
  ASSERT_EQ(New(kComplaint, &err), kExitOk) << err;
  ASSERT_EQ(Export(1, &err), kExitOk) << err;
  auto html_or = store::ReadFile(home_.path() + "/report.html");
  ASSERT_TRUE(html_or.ok());
  const std::string& html = *html_or;
  auto has = [&](const std::string& text) { EXPECT_THAT(html, HasSubstr(ev::HtmlEscape(text))); };

  // Complainant; what happened, when, money, harms, 诉求.
  for (const char* s : {"李某某", "138 0000 0000", "2025-02-14", "看到帖文后到该诊所做了隆乳术，术后感染，取出假体。",
                        "19,800.00 元", "切口感染", "二次手术取出假体", "退还手术费 19800 元", "依法查处超范围执业"}) {
    has(s);
  }
  // The respondent as the registry knows it, not as typed.
  auto kb = LoadKnowledge({JIANMEI_SOURCE_DIR "/kb"});
  ASSERT_TRUE(kb.ok());
  auto dir = LoadRegistryDirectory(*kb, store::DatabasePath(home_.path()));
  ASSERT_TRUE(dir.ok() && *dir);
  auto found = (*dir)->FindByLicence("备44030520260001");
  ASSERT_TRUE(found.ok() && *found);
  const registry::Institution* clinic = &**found;
  for (const std::string& s : {clinic->name, clinic->licence, clinic->type, clinic->city}) has(s);
  has("深圳市某区某路 1 号");
  EXPECT_EQ(clinic->status, registry::RecordStatus::kValid);
  EXPECT_THAT(html, HasSubstr("<th>执业状态</th><td>有效</td>"));

  // The qualification answer, each reason with its basis, as the registry gives it.
  auto q = (*dir)->Qualify(clinic->licence, "隆乳术", registry::Today());
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->outcome, registry::Outcome::kNotAllowed);
  EXPECT_THAT(html, HasSubstr("结论：<b>不得开展</b>"));
  EXPECT_THAT(html, HasSubstr("属" + std::to_string(q->grade) + "级项目"));
  for (const registry::Reason& r : q->reasons) {
    has(r.message);
    for (const kb::Law* l : r.basis) has(l->cite + "：" + l->summary);
  }

  // The cited post screened: every finding the screener makes, with its basis.
  auto screener = LoadScreener({JIANMEI_SOURCE_DIR "/kb"});
  ASSERT_TRUE(screener.ok());
  auto scratch = (*screener)->NewScratch();
  auto report = (*screener)->Screen(kPost, **scratch);
  ASSERT_TRUE(report.ok());
  ASSERT_FALSE(report->findings.empty());
  for (const screen::Finding& f : report->findings) {
    has(f.explanation);
    for (const kb::Law* l : f.basis) has(l->cite);
  }

  // The evidence with its proof and attachment, the image shown inline.
  has(kPost);
  has("帖文截图.png");
  EXPECT_THAT(html, HasSubstr(ev::ToHex(ev::Sha256(png_))));
  EXPECT_THAT(html, HasSubstr("data:image/png;base64," + ev::Base64Encode(png_)));
  auto bundle_text = store::ReadFile(home_.path() + "/bundle.json");
  ASSERT_TRUE(bundle_text.ok());
  auto bundle = ev::ParseBundle(*bundle_text);
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  ASSERT_EQ(bundle->entries.size(), 2u);  // the complaint and the post it cites
  auto verified = ev::VerifyBundle(*bundle);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  for (const ev::VerifiedEntry& v : verified->entries) EXPECT_THAT(html, HasSubstr(ev::ToHex(v.leaf)));
  for (const ev::BundleEntry& e : bundle->entries) {
    for (const ev::Hash& h : e.proof) EXPECT_THAT(html, HasSubstr(ev::ToHex(h)));
  }

  // Where it goes, from the knowledge base, with the respondent's city; verification last.
  for (const kb::ComplaintChannel& c : (*kb)->complaint_channels()) {
    has(kb::FillWording(c.name, {{"city", clinic->city}}));
    has(c.contact);
  }
  for (const char* s : {"12345", "12320", "卫生健康委员会", "市场监督管理"}) EXPECT_THAT(html, HasSubstr(s));
  const size_t verify = html.find("jianmei evidence verify bundle.json --origin " + verified->checkpoint.origin);
  ASSERT_NE(verify, std::string::npos);
  EXPECT_GT(verify, html.find("七、投诉渠道"));
  EXPECT_GT(html.find("七、投诉渠道"), html.find("六、证据"));
  EXPECT_THAT(html, Not(HasSubstr("未认证：未核实")));  // the log's own key authenticates it
}

TEST_F(ComplaintCommandTest, BadInputIsRefusedWithWhereAndWhy) {
  std::string err;
  EXPECT_EQ(New(R"({"institution":"眠松医美","narrative":"x","procedure":"隆乳术","wish":"y"})", &err), kExitFailure);
  EXPECT_THAT(err, HasSubstr("-: complaint: unknown key \"wish\""));
  EXPECT_EQ(New(R"({"institution":"眠松医美","narrative":"x","procedure":"隆乳术","evidence_ids":[5]})", &err),
            kExitFailure);
  EXPECT_THAT(err, HasSubstr("cites entry 5"));
  EXPECT_EQ(Export(0, &err), kExitInputErrors);
  EXPECT_THAT(err, HasSubstr("entry 0 is a capture, not a complaint"));
  EXPECT_EQ(Export(7, &err), kExitInputErrors);
  EXPECT_THAT(err, HasSubstr("no entry 7"));
}

TEST_F(ComplaintCommandTest, AComplaintNamingNoRegistryInstitutionIsStillReportedAndSaysWhy) {
  std::string err;
  ASSERT_EQ(New(R"({"institution":"城西某无证工作室","narrative":"x","procedure":"隆乳术","evidence_ids":[0]})", &err),
            kExitOk) << err;
  ASSERT_EQ(Export(1, &err), kExitOk) << err;
  auto html = store::ReadFile(home_.path() + "/report.html");
  ASSERT_TRUE(html.ok());
  EXPECT_THAT(*html, HasSubstr("登记信息中没有名称、别名或许可证号为「城西某无证工作室」的机构"));
  EXPECT_THAT(*html, HasSubstr("当地卫生健康委员会"));
  EXPECT_THAT(*html, HasSubstr("（未填写）"));  // no complainant: an anonymous report
}

}  // namespace
}  // namespace jianmei::cli
