#include "registry/directory.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "registry/name_cores.h"
#include "registry/test_knowledge.h"
#include "text/normalizer.h"

namespace jianmei::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Institution Inst(std::string licence, std::string name, std::string type, int level,
                 std::vector<std::string> departments, std::string city = "深圳市") {
  Institution i;
  i.licence = std::move(licence);
  i.name = std::move(name);
  i.type = std::move(type);
  i.level = level;
  i.city = std::move(city);
  i.departments = std::move(departments);
  i.valid_from = {"2020-01-01"};
  i.valid_until = {"2099-12-31"};
  return i;
}

std::shared_ptr<const Directory> Sample() {
  std::vector<Institution> insts = {
      Inst("PDY00001X440305170P122", "深圳市晨星医疗美容门诊部有限公司", "医疗美容门诊部", 0, {"医疗美容科"}),
      Inst("备44030520230001", "广州晨星医疗美容诊所", "医疗美容诊所", 0, {"医疗美容科"}, "广州市"),
      Inst("PDY00003X440305170P122", "深圳市南岭人民医院", "综合医院", 3, {"医疗美容科", "麻醉科"}),
  };
  insts[0].aliases = {"晨星医美"};
  Doctor d{"110440300012345", "林知远", "PDY00003X440305170P122", {{"美容外科", 2015}}, RecordStatus::kValid};
  Doctor skin{"110440300012346", "周雨", "PDY00003X440305170P122", {{"美容皮肤科", 2018}}, RecordStatus::kValid};
  return Directory::Create(RepoKnowledge(), std::move(insts), {d, skin});
}

TEST(NameCores, StripCityCompanyAndInstitutionWords) {
  Institution i = Inst("X", "深圳市晨星医疗美容门诊部有限公司", "医疗美容门诊部", 0, {});
  EXPECT_EQ(NameCore(i.name, i.city), "晨星");
  EXPECT_EQ(NameCore("北京星河整形美容医院（朝阳分院）", "北京市"), "星河");
  EXPECT_EQ(NameCore("广州市美容医院", "广州市"), "");
  i.aliases = {"晨星医美"};
  EXPECT_THAT(NameCores(i), ElementsAre("晨星", "晨星医美"));
}

// The names Directory::FindNames finds in `text` (folded as the screener folds it), as
// "core:licence,licence".
std::vector<std::string> Names(const Directory& d, std::string_view text) {
  const std::string folded = text::CollapseRepeats(RepoKnowledge()->normalizer().Fold(text));
  auto scratch = d.NewNameScratch();
  EXPECT_TRUE(scratch.ok());
  std::vector<screen::InstitutionDirectory::NameHit> hits;
  Status s = d.FindNames(folded, **scratch, &hits);
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::vector<std::string> out;
  for (const auto& h : hits) {
    std::string one = std::string(folded.substr(h.span.begin, h.span.end - h.span.begin)) + "=" + h.core + ":";
    for (size_t i = 0; i < h.licences.size(); ++i) one += (i ? "," : "") + h.licences[i];
    out.push_back(one);
  }
  return out;
}

TEST(Directory, ANameSeveralInstitutionsShareMeansThemAll) {
  auto d = Sample();
  // 晨星 is short: it counts only before an institution word, and means both 晨星.
  EXPECT_THAT(Names(*d, "去晨星整形做的"),
              ElementsAre("晨星整形=晨星:PDY00001X440305170P122,备44030520230001"));
  EXPECT_THAT(Names(*d, "晨星很亮"), ElementsAre());
  // 晨星医美 is one institution's own alias.
  EXPECT_THAT(Names(*d, "晨星医美的活动"), ElementsAre("晨星医美=晨星医美:PDY00001X440305170P122"));
}

// A short core shared by two institutions, followed by an institution word, can spell one
// institution's own alias (栖梧 + 整形 = 栖梧整形): the alias, a key that stands alone, wins.
TEST(Directory, AKeyThatStandsAloneWinsOverAShortKeyAndItsWord) {
  std::vector<Institution> insts = {
      Inst("PDY00011X440305170P122", "深圳星河医院", "综合医院", 0, {"医疗美容科"}),
      Inst("PDY00012X440305170P122", "深圳星河整形外科医院有限公司", "整形外科医院", 0,
           {"整形外科"}),
  };
  insts[1].aliases = {"星河整形"};
  auto d = Directory::Create(RepoKnowledge(), std::move(insts), {});
  EXPECT_THAT(Names(*d, "星河整形隆鼻"), ElementsAre("星河整形=星河整形:PDY00012X440305170P122"));
  EXPECT_THAT(Names(*d, "星河医美隆鼻"),
              ElementsAre("星河医美=星河:PDY00011X440305170P122,PDY00012X440305170P122"));
  // Leftmost-longest, not overlapping, in text order; repeats folded as in a post.
  EXPECT_THAT(Names(*d, "星星河河医院和星河整形"),
              ElementsAre("星河医院=星河:PDY00011X440305170P122,PDY00012X440305170P122",
                          "星河整形=星河整形:PDY00012X440305170P122"));
}

TEST(Directory, FindAndSearch) {
  auto d = Sample();
  ASSERT_TRUE(d->FindByLicence("PDY00003X440305170P122")->has_value());
  EXPECT_FALSE(d->FindByLicence("PDY99999X440305170P122")->has_value());
  EXPECT_EQ(d->FindByName("晨星医美")->size(), 1u);
  EXPECT_EQ(d->FindByName("晨星")->size(), 2u);
  EXPECT_EQ(d->Search("南岭", 10)->size(), 1u);
  EXPECT_EQ(d->Search("深圳", 10)->size(), 2u);
  EXPECT_EQ(d->Search("晨星", 10)->size(), 2u);
  EXPECT_EQ(d->Search("晨星", 1)->size(), 1u);
  EXPECT_EQ(d->Search("PDY00003X", 10)->size(), 1u);
  EXPECT_EQ(d->Search("pdy00003x", 10)->size(), 1u);
  EXPECT_EQ(d->Search("备4403052023", 10)->size(), 1u);
  EXPECT_EQ(d->DoctorsAt("PDY00003X440305170P122")->size(), 2u);
  EXPECT_EQ(*d->InstitutionCount(), 3u);
}

TEST(Directory, QualifyByNameOrLicence) {
  auto d = Sample();
  auto q = d->Qualify("晨星医美", "隆胸", {"2025-06-01"});
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->outcome, Outcome::kNotAllowed);
  EXPECT_EQ(q->procedure_id, "breast-augmentation");
  auto ambiguous = d->Qualify("晨星", "隆胸", {"2025-06-01"});
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_THAT(ambiguous.status().message(), HasSubstr("names 2 institutions"));
  EXPECT_THAT(ambiguous.status().message(), HasSubstr("备44030520230001"));
  EXPECT_EQ(d->Qualify("PDY00003X440305170P122", "磨颧骨", {"2025-06-01"})->outcome, Outcome::kAllowed);
  EXPECT_EQ(d->Qualify("不存在的机构", "隆胸", {"2025-06-01"}).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(d->Qualify("晨星医美", "不是项目", {"2025-06-01"}).status().code(), Status::Code::kNotFound);
}

// 除皱 may be 局部除皱术 (grade 2) or a grade-1 botulinum injection; 洗眉 a grade-3 operation or
// a laser treatment: qualify answers unknown and says why, whatever the institution.
TEST(Directory, QualifyByAnAmbiguousNameIsUnknown) {
  auto d = Sample();
  ASSERT_EQ(d->Qualify("晨星医美", "局部除皱术", {"2025-06-01"})->outcome, Outcome::kNotAllowed);
  for (const char* name : {"除皱", "洗眉"}) {
    for (const char* where : {"晨星医美", "PDY00003X440305170P122"}) {
      auto q = d->Qualify(where, name, {"2025-06-01"});
      ASSERT_TRUE(q.ok()) << q.status().ToString();
      EXPECT_EQ(q->outcome, Outcome::kUnknown) << name << " at " << where;
      EXPECT_EQ(q->named_as, name);
      ASSERT_FALSE(q->reasons.empty());
      EXPECT_EQ(q->reasons[0].check, "name");
    }
  }
  EXPECT_TRUE(d->Qualify("晨星医美", "局部除皱", {"2025-06-01"})->named_as.empty());
}

// Every name, alias and ambiguous alias of every procedure, and every alias of a product tied to
// a procedure, resolves in qualify to that procedure.
TEST(Directory, EveryAliasInTheKnowledgeBaseResolves) {
  auto d = Sample();
  const kb::Knowledge& kb = *RepoKnowledge();
  int checked = 0;
  auto check = [&](const std::string& name, const std::string& id) {
    auto q = d->Qualify("PDY00003X440305170P122", name, {"2025-06-01"});
    ++checked;
    ASSERT_TRUE(q.ok()) << name << ": " << q.status().ToString();
    EXPECT_EQ(q->procedure_id, id) << name;
  };
  for (const kb::Procedure& p : kb.procedures()) {
    check(p.name, p.id);
    for (const std::string& a : p.aliases) check(a, p.id);
    for (const std::string& a : p.ambiguous_aliases) check(a, p.id);
  }
  for (const kb::Product& p : kb.products()) {
    if (p.procedure.empty()) continue;
    for (const std::string& a : p.aliases) check(a, p.procedure);
    for (const std::string& a : p.ambiguous_aliases) check(a, p.procedure);
  }
  EXPECT_GT(checked, 300);
}

TEST(Directory, JudgeProcedureForScreening) {
  auto d = Sample();
  auto j = d->JudgeProcedure("备44030520230001", "breast-augmentation");
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->category, Category::kBeyondLicenceScope);
  EXPECT_EQ(j->rule, "registry.beyond_licence_scope");
  EXPECT_THAT(j->basis, ::testing::Contains("catalog-2009-institutions"));
  EXPECT_FALSE(d->JudgeProcedure("PDY00003X440305170P122", "breast-augmentation").has_value());
}

TEST(Directory, JudgeDoctor) {
  auto d = Sample();
  const std::string hospital = "PDY00003X440305170P122";
  EXPECT_FALSE(d->JudgeDoctor(hospital, "林知远", "美容外科").has_value());
  auto stranger = d->JudgeDoctor(hospital, "王某某", "美容外科");
  ASSERT_TRUE(stranger.has_value());
  EXPECT_EQ(stranger->category, Category::kFalseCredentials);
  EXPECT_EQ(stranger->rule, "registry.doctor_unregistered");
  auto skin = d->JudgeDoctor(hospital, "周雨", "美容外科");
  ASSERT_TRUE(skin.has_value());
  EXPECT_EQ(skin->rule, "registry.doctor_not_attending");
  EXPECT_FALSE(d->JudgeDoctor(hospital, "周雨", "").has_value());
}

// A suspended doctor who is 主诊医师 for the specialty is told so, not that he is none.
TEST(Directory, JudgeDoctorWhoseLicenceIsSuspended) {
  const std::string hospital = "PDY00003X440305170P122";
  std::vector<Institution> insts = {
      Inst(hospital, "深圳市南岭人民医院", "综合医院", 3, {"医疗美容科"})};
  Doctor attending{
      "110440300012347", "孙某某", hospital, {{"美容外科", 2010}}, RecordStatus::kSuspended};
  Doctor skin{
      "110440300012348", "钱某某", hospital, {{"美容皮肤科", 2018}}, RecordStatus::kRevoked};
  auto d = Directory::Create(RepoKnowledge(), std::move(insts), {attending, skin});
  auto j = d->JudgeDoctor(hospital, "孙某某", "美容外科");
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->rule, "registry.doctor_not_attending");
  EXPECT_EQ(j->severity, Severity::kHigh);
  EXPECT_THAT(j->explanation, HasSubstr("是美容外科的主诊医师，但执业状态为suspended（暂停执业）"));
  EXPECT_THAT(j->explanation, ::testing::Not(HasSubstr("不是")));
  EXPECT_EQ(j->certainty, kb::Certainty::kRecalled);
  auto both = d->JudgeDoctor(hospital, "钱某某", "美容外科");
  ASSERT_TRUE(both.has_value());
  EXPECT_THAT(both->explanation, HasSubstr("不是美容外科的主诊医师，且执业状态为revoked"));
  // With no procedure named, the explanation names the specialties he holds, not "any".
  auto unnamed = d->JudgeDoctor(hospital, "孙某某", "");
  ASSERT_TRUE(unnamed.has_value());
  EXPECT_THAT(unnamed->explanation, HasSubstr("是美容外科的主诊医师，但执业状态为suspended"));
  EXPECT_THAT(unnamed->explanation, ::testing::Not(HasSubstr("任何")));
}

}  // namespace
}  // namespace jianmei::registry
