// Screening with the demo registry (samples/registry/): institution names and doctors in posts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "cli/scan_command.h"
#include "registry/directory.h"
#include "registry/record_reader.h"
#include "screen/institution_names.h"
#include "screen/pipeline.h"
#include "text/normalizer.h"
#include "screen/report_json_writer.h"
#include "tests/test_screener.h"

namespace jianmei {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

registry::ParsedRegistry ReadDemo(const char* name) {
  std::ifstream in(std::string(JIANMEI_SOURCE_DIR) + "/samples/registry/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  registry::ParsedRegistry p = registry::ReadRegistry(s.str(), registry::FileFormat::kCsv);
  EXPECT_TRUE(p.errors.empty()) << name << ": " << registry::FormatRowError(p.errors[0]);
  return p;
}

class RegistryScreening : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    screener_ = testing::RepoScreener();
    std::shared_ptr<const kb::Knowledge> kb(screener_, &screener_->knowledge());
    auto directory = registry::Directory::Create(kb, ReadDemo("institutions.csv").institutions,
                                                 ReadDemo("doctors.csv").doctors);
    auto names = screen::InstitutionNames::Create(kb, directory);
    ASSERT_TRUE(names.ok()) << names.status().ToString();
    names_ = *names;
  }

  screen::Report Screen(const std::string& text) {
    auto scratch = screener_->NewScratch();
    EXPECT_TRUE(scratch.ok());
    auto report = screener_->Screen(text, **scratch);
    EXPECT_TRUE(report.ok());
    Status s = names_->Annotate(text, &*report);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return *report;
  }
  static std::vector<const screen::Finding*> Registry(const screen::Report& r) {
    std::vector<const screen::Finding*> out;
    for (const auto& f : r.findings) {
      if (f.rule.rfind("registry.", 0) == 0) out.push_back(&f);
    }
    return out;
  }
  static std::vector<std::string> LawIds(const screen::Finding& f) {
    std::vector<std::string> ids;
    for (const kb::Law* law : f.basis) ids.push_back(law->id);
    return ids;
  }

  static inline std::shared_ptr<const screen::Screener> screener_;
  static inline std::shared_ptr<const screen::InstitutionNames> names_;
};

TEST_F(RegistryScreening, AClinicOfferingBreastAugmentationIsBeyondItsLicence) {
  const std::string post = "眠松医美隆乳术特惠，仅需19800，私信预约";
  screen::Report r = Screen(post);
  auto found = Registry(r);
  ASSERT_EQ(found.size(), 1u);
  const screen::Finding& f = *found[0];
  EXPECT_EQ(f.category, Category::kBeyondLicenceScope);
  EXPECT_EQ(f.rule, "registry.beyond_licence_scope");
  EXPECT_EQ(f.span.Slice(post), "眠松医美");
  EXPECT_EQ(f.entity.kind, "institution");
  EXPECT_EQ(f.entity.id, "备44030520260001");
  EXPECT_EQ(f.entity.name, "深圳眠松医疗美容诊所");
  EXPECT_EQ(f.entity.status, "valid");
  // The catalog's grade → institution rule.
  EXPECT_THAT(LawIds(f), Contains("catalog-2009-institutions"));
  EXPECT_THAT(f.explanation, HasSubstr("2级美容外科项目"));
  EXPECT_EQ(r.verdict, screen::Verdict::kViolation);
}

TEST_F(RegistryScreening, TheSamePostNamingAThirdLevelHospitalWithCosmeticDepartmentIsNot) {
  const std::string post = "澄溪医院隆乳术特惠，仅需19800，私信预约";
  auto named = names_->Find(post, *names_->NewScratch().value());  // the hospital is recognised
  ASSERT_TRUE(named.ok());
  ASSERT_EQ(named->size(), 1u);
  EXPECT_EQ((*named)[0].licences, std::vector<std::string>{"PDY10001X440305170P122"});
  screen::Report r = Screen(post);
  EXPECT_TRUE(r.promotional);
  EXPECT_TRUE(Registry(r).empty());
  for (const auto& f : r.findings) EXPECT_NE(f.category, Category::kBeyondLicenceScope) << f.rule;
}

TEST_F(RegistryScreening, NonMedicalVenueAndRevokedLicenceAreUnlicensed) {
  for (const std::string post : {"听澜美容隆胸特惠，私信预约", "闻笛医美隆胸特惠，私信预约"}) {
    screen::Report r = Screen(post);
    auto found = Registry(r);
    ASSERT_EQ(found.size(), 1u) << post;
    EXPECT_EQ(found[0]->category, Category::kUnlicensedProvider) << post;
    EXPECT_EQ(found[0]->severity, Severity::kCritical) << post;
  }
}

TEST_F(RegistryScreening, DoctorsAreCheckedAgainstTheInstitutionsRoster) {
  // 林知远: 美容外科 主诊医师 there; 周雨桐: only 美容皮肤科; 王晓明: not registered.
  EXPECT_TRUE(Registry(Screen("澄溪医院隆胸特惠，林知远医生亲自主刀，私信预约")).empty());
  const std::string skin = "澄溪医院隆胸特惠，周雨桐主任亲自主刀，私信预约";
  screen::Report r = Screen(skin);
  auto found = Registry(r);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->category, Category::kFalseCredentials);
  EXPECT_EQ(found[0]->rule, "registry.doctor_not_attending");
  EXPECT_EQ(found[0]->span.Slice(skin), "周雨桐主任");
  const std::string stranger = "澄溪医院隆胸特惠，由王晓明医生亲自主刀，私信预约";
  r = Screen(stranger);
  found = Registry(r);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->rule, "registry.doctor_unregistered");
  EXPECT_EQ(found[0]->span.Slice(stranger), "王晓明医生");
}

// 栖梧 is the core of two institutions (栖梧医院, 栖梧整形外科医院); 栖梧整形 is the second's own
// alias, so the post names one institution and its doctors are checked: 孙未央 is 美容外科
// 主诊医师 there, suspended.
TEST_F(RegistryScreening, AnInstitutionsOwnAliasWinsOverAShortCoreItShares) {
  const std::string post = "栖梧整形隆胸，孙未央医生主刀，私信预约";
  auto named = names_->Find(post, *names_->NewScratch().value());
  ASSERT_TRUE(named.ok());
  ASSERT_EQ(named->size(), 1u);
  EXPECT_EQ((*named)[0].licences, std::vector<std::string>{"PDY10005X440305170P122"});
  const screen::Report r = Screen(post);
  auto found = Registry(r);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->rule, "registry.doctor_not_attending");
  EXPECT_EQ(found[0]->severity, Severity::kHigh);
  EXPECT_EQ(found[0]->span.Slice(post), "孙未央医生");
  EXPECT_THAT(found[0]->explanation, HasSubstr("是美容外科的主诊医师，但执业状态为suspended"));
}

// 眠松 registered injections by names the knowledge base resolves: a botulinum injection is
// among them, a 隆鼻 is not.
TEST_F(RegistryScreening, RegisteredProjectsOfTheDemoClinic) {
  EXPECT_TRUE(Registry(Screen("眠松医美瘦脸针特惠，私信预约")).empty());
  const screen::Report r = Screen("眠松医美隆鼻特惠，私信预约");
  auto found = Registry(r);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_THAT(found[0]->explanation, HasSubstr("不含「隆鼻术」"));
}

TEST_F(RegistryScreening, NamesAreFoundThroughTheNormaliser) {
  const std::string post = "眠 松 醫 美 隆胸";
  auto named = names_->Find(post, *names_->NewScratch().value());
  ASSERT_TRUE(named.ok());
  ASSERT_EQ(named->size(), 1u);
  EXPECT_EQ((*named)[0].licences, std::vector<std::string>{"备44030520260001"});
  EXPECT_EQ((*named)[0].span.Slice(post), "眠 松 醫 美");
  // A short core counts only before an institution word: 眠松 alone is not the clinic.
  EXPECT_TRUE(names_->Find("眠松的夜晚", *names_->NewScratch().value())->empty());
}

// `jianmei scan` hands the registry step the text the screener already normalised, with a
// scratch per thread: its output must be what screening each post on its own gives, on one
// thread and on two, across batch boundaries.
TEST_F(RegistryScreening, ScanGivesEachPostItsOwnRegistryFindingsOnEveryThread) {
  std::ifstream demo(std::string(JIANMEI_SOURCE_DIR) + "/samples/registry/posts.jsonl");
  std::vector<std::string> texts;
  for (std::string line; std::getline(demo, line);) {
    texts.push_back(nlohmann::json::parse(line)["text"].get<std::string>());
  }
  ASSERT_GE(texts.size(), 3u);
  texts.push_back("今天天气不错，去公园走走");
  std::string input, expected;
  size_t with_registry = 0;
  for (int round = 0; round < 40; ++round) {
    for (size_t i = 0; i < texts.size(); ++i) {
      const std::string id = std::to_string(round) + "-" + std::to_string(i);
      input += nlohmann::json({{"id", id}, {"text", texts[i]}}).dump() + "\n";
      const screen::Report r = Screen(texts[i]);
      with_registry += !Registry(r).empty();
      screen::AppendReportJson(r, texts[i], {.id = id}, &expected);
      expected += "\n";
    }
  }
  ASSERT_GE(with_registry, 80u);  // the demo posts name registered institutions
  for (unsigned threads : {1u, 2u}) {
    cli::ScanOptions options;
    options.threads = threads;
    options.batch_lines = 7;
    std::istringstream in(input);
    std::ostringstream out, err;
    cli::RunScan(*screen::Pipeline::Create(screener_, names_), in, out, err, options);
    EXPECT_EQ(out.str(), expected) << threads << " thread(s)";
  }
}

// The pipeline folds a post once: the registry's institution names and doctors are read from the
// text the screener normalised. Its reports are those of the screener followed by Annotate.
TEST_F(RegistryScreening, ThePipelineNormalisesEachPostOnce) {
  auto pipeline = screen::Pipeline::Create(screener_, names_);
  auto scratch = pipeline->NewScratch();
  ASSERT_TRUE(scratch.ok());
  std::ifstream demo(std::string(JIANMEI_SOURCE_DIR) + "/samples/registry/posts.jsonl");
  std::vector<std::string> texts = {"澄溪医院隆胸特惠，周雨桐主任亲自主刀，私信预约",
                                    "栖梧整形隆胸，孙未央医生主刀，私信预约", "今天天气不错"};
  for (std::string line; std::getline(demo, line);) {
    texts.push_back(nlohmann::json::parse(line)["text"].get<std::string>());
  }
  size_t with_registry = 0;
  for (const std::string& text : texts) {
    text::Normalizer::WatchTextForTest(text.data());
    auto report = pipeline->Screen(text, **scratch);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(text::Normalizer::WatchedNormalizationsForTest(), 1u) << text;
    with_registry += !Registry(*report).empty();
    std::string got, expected;
    screen::AppendReportJson(*report, text, {}, &got);
    // The screener then Annotate, which folds a judged text again: the seam sees it.
    screen::AppendReportJson(Screen(text), text, {}, &expected);
    EXPECT_EQ(got, expected);
    EXPECT_EQ(text::Normalizer::WatchedNormalizationsForTest(), 1u + (screen::Judged(*report) ? 2u : 1u)) << text;
  }
  EXPECT_GE(with_registry, 5u);
}

// A doctor's name with a repeated character (王丽丽) is read whole from the collapsed text.
TEST_F(RegistryScreening, ADoctorsNameWithARepeatedCharacterIsReadWhole) {
  const std::string post = "澄溪医院隆胸特惠，由王丽丽医生亲自主刀，私信预约";
  const screen::Report r = Screen(post);
  auto found = Registry(r);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->rule, "registry.doctor_unregistered");
  EXPECT_EQ(found[0]->span.Slice(post), "王丽丽医生");
  EXPECT_THAT(found[0]->explanation, HasSubstr("王丽丽"));
}

}  // namespace
}  // namespace jianmei
