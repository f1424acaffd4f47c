#include "registry/qualification.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "registry/qualification_json.h"
#include "registry/test_knowledge.h"

namespace jianmei::registry {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
constexpr char kToday[] = "2025-06-01";

Institution Make(const std::string& type, int level, std::vector<std::string> departments) {
  Institution i;
  i.licence = "PDY00001X440305170P122";
  i.name = "测试" + type;
  i.type = type;
  i.level = level;
  i.departments = std::move(departments);
  i.valid_from = {"2020-01-01"};
  i.valid_until = {"2030-12-31"};
  return i;
}

const kb::Procedure& Proc(const std::string& id) {
  const kb::Procedure* p = RepoKnowledge()->FindProcedure(id);
  EXPECT_NE(p, nullptr) << id;
  return *p;
}

Qualification Judge(const Institution& i, const std::string& procedure_id) {
  return Qualify(*RepoKnowledge(), i, Proc(procedure_id), {kToday});
}

// One catalog procedure of each grade (kb/procedures.toml).
const char* const kByGrade[] = {"double-eyelid", "breast-augmentation", "rhytidectomy-full-face",
                                "zygoma-reduction"};

struct Case {
  const char* label;
  Institution institution;
  const char* expected;  // outcome per grade 1–4: A allowed, N not allowed, U unknown
};

// Every institution type × every grade, expected values from regulation.md §2.6 and its
// 2026-12-07 re-check as restated in kb/grade_rules.toml.
TEST(Qualification, GradeRulesOverEveryInstitutionTypeAndGrade) {
  const Case cases[] = {
      {"美容医院", Make("美容医院", 0, {"美容外科", "麻醉科"}), "AAAN"},
      {"门诊部 without 麻醉科", Make("医疗美容门诊部", 0, {"医疗美容科", "美容外科"}), "ANNN"},
      {"门诊部 with 麻醉科", Make("医疗美容门诊部", 0, {"医疗美容科", "麻醉科"}), "AANN"},
      {"门诊部 with 整形外科 and 麻醉科", Make("医疗美容门诊部", 0, {"整形外科", "麻醉科"}),
       "AANN"},
      {"诊所", Make("医疗美容诊所", 0, {"医疗美容科"}), "ANNN"},
      {"诊所 with 麻醉科 too", Make("医疗美容诊所", 0, {"医疗美容科", "麻醉科"}), "ANNN"},
      {"一级综合医院", Make("综合医院", 1, {"医疗美容科"}), "ANNN"},
      {"二级综合医院", Make("综合医院", 2, {"整形外科"}), "AANN"},
      {"三级综合医院", Make("综合医院", 3, {"医疗美容科"}), "AAAA"},
      {"三级综合医院 without an aesthetic department",
       Make("综合医院", 3, {"美容皮肤科", "麻醉科"}), "NNNN"},
      {"三级整形外科医院", Make("整形外科医院", 3, {"整形外科"}), "AAAA"},
      // Only the 三级 整形外科医院 is named for grades 2–4; grade 1 rests on the broad wording.
      {"二级整形外科医院", Make("整形外科医院", 2, {"整形外科"}), "ANNN"},
      // The catalog's text says 门诊部 and 诊所, not only the 医疗美容 ones.
      {"综合门诊部 with 医疗美容科", Make("门诊部", 0, {"美容皮肤科", "医疗美容科"}), "ANNN"},
      {"综合门诊部 with 医疗美容科 and 麻醉科", Make("门诊部", 0, {"医疗美容科", "麻醉科"}),
       "AANN"},
      {"综合门诊部 without an aesthetic department", Make("门诊部", 0, {"美容牙科", "麻醉科"}),
       "NNNN"},
      {"诊所 with 医疗美容科", Make("诊所", 0, {"医疗美容科"}), "ANNN"},
      {"诊所 with only 整形外科", Make("诊所", 0, {"整形外科"}), "NNNN"},
      {"生活美容院", Make("生活美容院", 0, {}), "NNNN"},
      {"工作室", Make("工作室", 0, {}), "NNNN"},
      // Grade 1: the 一级 clause and the 二级/三级 clause together admit every level.
      {"综合医院 of unknown level", Make("综合医院", 0, {"医疗美容科"}), "AUUU"},
      {"综合医院 of unknown level without an aesthetic department",
       Make("综合医院", 0, {"美容皮肤科"}), "NNNN"},
      {"门诊部 without registered departments", Make("医疗美容门诊部", 0, {}), "UUNN"},
      // 美容外科 is a 二级诊疗科目 of 医疗美容科 (regulation.md §3.2 第二条): it counts where a
      // clause asks for 医疗美容科.
      {"三级综合医院 with only 美容外科", Make("综合医院", 3, {"美容外科"}), "AAAA"},
      {"二级综合医院 with only 美容外科", Make("综合医院", 2, {"美容外科"}), "AANN"},
      {"门诊部 with 美容外科 and 麻醉科", Make("医疗美容门诊部", 0, {"美容外科", "麻醉科"}),
       "AANN"},
      {"诊所 with only 美容外科", Make("医疗美容诊所", 0, {"美容外科"}), "ANNN"},
      {"诊所 with only 美容皮肤科", Make("医疗美容诊所", 0, {"美容皮肤科"}), "NNNN"},
  };
  for (const Case& c : cases) {
    for (int g = 0; g < 4; ++g) {
      Qualification q = Judge(c.institution, kByGrade[g]);
      const char got = q.outcome == Outcome::kAllowed ? 'A' : q.outcome == Outcome::kNotAllowed ? 'N' : 'U';
      EXPECT_EQ(got, c.expected[g]) << c.label << ", grade " << g + 1 << ": "
                                    << QualificationToJson(q).dump();
    }
  }
}

TEST(Qualification, OverGradeCitesTheCatalogRule) {
  Qualification q = Judge(Make("医疗美容诊所", 0, {"医疗美容科"}), "breast-augmentation");
  ASSERT_EQ(q.outcome, Outcome::kNotAllowed);
  EXPECT_EQ(q.category, Category::kBeyondLicenceScope);
  const Reason* grade = nullptr;
  for (const Reason& r : q.reasons) if (r.check == "grade") grade = &r;
  ASSERT_NE(grade, nullptr);
  EXPECT_EQ(grade->effect, Outcome::kNotAllowed);
  EXPECT_EQ(grade->rule, "grade-rule-2");
  EXPECT_THAT(grade->message, HasSubstr("「隆乳术」是2级美容外科项目"));
  EXPECT_THAT(grade->message,
              HasSubstr("设有麻醉科及医疗美容科或美容外科或整形外科的医疗美容门诊部"));
  std::vector<std::string> ids;
  for (const kb::Law* l : grade->basis) ids.push_back(l->id);
  EXPECT_THAT(ids, ::testing::Contains("catalog-2009-institutions"));
}

TEST(Qualification, UnknownListsTheMissingFacts) {
  Institution i = Make("综合医院", 0, {});
  i.valid_until = {};
  Qualification q = Judge(i, "double-eyelid");
  EXPECT_EQ(q.outcome, Outcome::kUnknown);
  EXPECT_THAT(q.missing, ::testing::UnorderedElementsAre("licence validity dates (valid_until)",
                                                         "registered departments",
                                                         "institution level (一/二/三级)"));
}

// kb/grade_rules.toml admits a 一级 综合医院 with an aesthetic department to grade-1 items and,
// by one source (huyu1688), a 二级 or 三级 one too: whatever its level, it may perform them, so a
// registry that does not state the level does not make the answer unknown. The answer is no
// surer than the weakest clause it rests on. Grade 2 depends on the level (二级 or 三级 only).
TEST(Qualification, AGeneralHospitalOfUnknownLevelMayDoWhatEveryLevelMayDo) {
  const Institution hospital = Make("综合医院", 0, {"医疗美容科"});
  Qualification q = Judge(hospital, "double-eyelid");
  EXPECT_EQ(q.outcome, Outcome::kAllowed);
  EXPECT_TRUE(q.missing.empty());
  const Reason* grade = nullptr;
  for (const Reason& r : q.reasons) {
    if (r.check == "grade") grade = &r;
  }
  ASSERT_NE(grade, nullptr);
  EXPECT_EQ(grade->effect, Outcome::kAllowed);
  EXPECT_EQ(grade->rule, "grade-rule-1");
  EXPECT_EQ(grade->certainty, kb::Certainty::kSingle) << "the 二级/三级 clause rests on one source";
  EXPECT_THAT(grade->message, HasSubstr("登记未写明级别"));
  EXPECT_THAT(grade->message, HasSubstr("一级综合医院"));
  EXPECT_THAT(grade->message, HasSubstr("二级或三级综合医院"));

  Qualification two = Judge(hospital, "breast-augmentation");
  EXPECT_EQ(two.outcome, Outcome::kUnknown);
  EXPECT_THAT(two.missing, ::testing::Contains("institution level (一/二/三级)"));
}

TEST(Qualification, StatusAndDates) {
  Institution revoked = Make("美容医院", 0, {"美容外科"});
  revoked.status = RecordStatus::kRevoked;
  Qualification q = Judge(revoked, "double-eyelid");
  EXPECT_EQ(q.outcome, Outcome::kNotAllowed);
  EXPECT_EQ(q.category, Category::kUnlicensedProvider);

  Institution suspended = Make("美容医院", 0, {"美容外科"});
  suspended.status = RecordStatus::kSuspended;
  EXPECT_EQ(Judge(suspended, "double-eyelid").outcome, Outcome::kNotAllowed);

  Institution expired = Make("美容医院", 0, {"美容外科"});
  expired.valid_until = {"2025-05-31"};
  q = Judge(expired, "double-eyelid");
  EXPECT_EQ(q.outcome, Outcome::kNotAllowed);
  EXPECT_THAT(QualificationToJson(q).dump(), HasSubstr("2025-05-31"));

  Institution future = Make("美容医院", 0, {"美容外科"});
  future.valid_from = {"2025-06-02"};
  EXPECT_EQ(Judge(future, "double-eyelid").outcome, Outcome::kNotAllowed);
}

TEST(Qualification, BannedAndNonCatalogAreNeverAllowed) {
  const Institution best = Make("综合医院", 3, {"医疗美容科", "整形外科", "麻醉科"});
  Qualification banned = Judge(best, "calf-nerve-resection");
  EXPECT_EQ(banned.outcome, Outcome::kNotAllowed);
  EXPECT_EQ(banned.category, Category::kNonCatalogProcedure);
  std::vector<std::string> ids;
  for (const kb::Law* l : banned.reasons.at(0).basis) ids.push_back(l->id);
  EXPECT_THAT(ids, ::testing::Contains("nhc-2021-410"));
  EXPECT_EQ(Judge(best, "nonstandard-korean-double-eyelid").outcome, Outcome::kNotAllowed);
}

TEST(Qualification, RegisteredProjectsWhenKnown) {
  Institution i = Make("美容医院", 0, {"美容外科"});
  i.projects = {"双眼皮手术", "隆鼻"};
  EXPECT_EQ(Judge(i, "double-eyelid").outcome, Outcome::kAllowed);
  Qualification q = Judge(i, "breast-augmentation");
  EXPECT_EQ(q.outcome, Outcome::kNotAllowed);
  EXPECT_THAT(QualificationToJson(q).dump(), HasSubstr("practice-project-not-registered"));
}

// Names the knowledge base does not resolve (categories such as 注射美容) say nothing about what
// is not registered: they are ignored, not read as "every procedure is unregistered".
TEST(Qualification, RegisteredProjectsTheKnowledgeBaseCannotResolveAreIgnored) {
  Institution i = Make("美容医院", 0, {"美容外科"});
  i.projects = {"注射美容", "光电美容"};
  Qualification q = Judge(i, "double-eyelid");
  EXPECT_EQ(q.outcome, Outcome::kAllowed) << QualificationToJson(q).dump();
  // 除皱 is an ambiguous alias: no registered name either.
  i.projects = {"注射美容", "隆鼻", "除皱"};
  q = Judge(i, "breast-augmentation");
  EXPECT_EQ(q.outcome, Outcome::kNotAllowed);
  const Reason* project = nullptr;
  for (const Reason& r : q.reasons)
    if (r.check == "project") project = &r;
  ASSERT_NE(project, nullptr);
  EXPECT_THAT(project->message, HasSubstr("备案的项目是隆鼻，"));
  EXPECT_EQ(RegisteredProject(*RepoKnowledge(), "除皱"), nullptr);
  EXPECT_EQ(RegisteredProject(*RepoKnowledge(), "注射美容"), nullptr);
  ASSERT_NE(RegisteredProject(*RepoKnowledge(), "A型肉毒毒素美容注射"), nullptr);
}

// A 美容外科 item without a grade (kb lint rejects one) could be admitted anywhere: unknown.
TEST(Qualification, AnUngradedCosmeticSurgeryItemIsUnknown) {
  kb::Procedure ungraded = Proc("breast-augmentation");
  ungraded.grade = 0;
  Qualification q =
      Qualify(*RepoKnowledge(), Make("医疗美容诊所", 0, {"医疗美容科"}), ungraded, {kToday});
  EXPECT_EQ(q.outcome, Outcome::kUnknown) << QualificationToJson(q).dump();
  EXPECT_THAT(q.missing, ::testing::Contains(HasSubstr("catalog grade")));
}

// A name that may mean several things (除皱: 局部除皱术, or a botulinum injection) is judged as the
// entry it most likely means, but never answered allowed or not allowed.
TEST(Qualification, AnAmbiguousNameIsNeverADefiniteAnswer) {
  const Institution clinic = Make("医疗美容诊所", 0, {"医疗美容科"});
  ASSERT_EQ(Judge(clinic, "rhytidectomy-partial").outcome, Outcome::kNotAllowed);
  Qualification q =
      Qualify(*RepoKnowledge(), clinic, Proc("rhytidectomy-partial"), {kToday}, "除皱");
  EXPECT_EQ(q.outcome, Outcome::kUnknown);
  ASSERT_FALSE(q.reasons.empty());
  EXPECT_EQ(q.reasons[0].check, "name");
  EXPECT_THAT(q.reasons[0].message, HasSubstr("「除皱」是含义不确定的叫法"));
  EXPECT_THAT(q.missing, ::testing::Contains(HasSubstr("「除皱」")));
  nlohmann::json j = QualificationToJson(q);
  EXPECT_EQ(j["outcome"], "unknown");
  EXPECT_FALSE(j.contains("category"));
  EXPECT_EQ(j["procedure"]["named_as"], "除皱");

  const Institution hospital = Make("综合医院", 3, {"医疗美容科", "麻醉科"});
  ASSERT_EQ(Judge(hospital, "tattoo-removal-repair").outcome, Outcome::kAllowed);
  EXPECT_EQ(
      Qualify(*RepoKnowledge(), hospital, Proc("tattoo-removal-repair"), {kToday}, "洗眉").outcome,
      Outcome::kUnknown);
}

// 吸脂 may mean a liposuction of any volume (grade 1, 2 or 3), 鼻综合 a 鼻畸形矫正术 or a 隆鼻 with
// 鼻尖成形 (kb/procedures.toml notes): every reading is a 美容外科 procedure, only its grade is in
// doubt (`grade_ambiguous_aliases`). Where a reason that holds for every such procedure forbids
// it — a non-medical venue, a licence suspended, revoked or out of date, no department covering
// 美容外科 — the answer is not_allowed whatever the name means, with the name reason kept first.
TEST(Qualification, AnAmbiguousNameIsNotAllowedWhenEveryReadingIsForbidden) {
  Institution venue = Make("生活美容院", 0, {});
  Institution expired = Make("医疗美容诊所", 0, {"医疗美容科"});
  expired.valid_until = {"2024-12-31"};
  Institution suspended = Make("医疗美容诊所", 0, {"医疗美容科"});
  suspended.status = RecordStatus::kSuspended;
  Institution revoked = Make("美容医院", 0, {"医疗美容科", "麻醉科"});
  revoked.status = RecordStatus::kRevoked;
  const Institution skin_only = Make("医疗美容诊所", 0, {"美容皮肤科"});
  struct Forbidden {
    const Institution* institution;
    const char* check;
    Category category;
  };
  const Forbidden forbidden[] = {{&venue, "venue", Category::kUnlicensedProvider},
                                 {&expired, "validity", Category::kUnlicensedProvider},
                                 {&suspended, "status", Category::kUnlicensedProvider},
                                 {&revoked, "status", Category::kUnlicensedProvider},
                                 {&skin_only, "department", Category::kBeyondLicenceScope}};
  for (const auto& [name, id] : {std::pair<const char*, const char*>{"吸脂", "liposuction-lt1000"},
                                 {"鼻综合", "nasal-deformity-correction"}}) {
    for (const Forbidden& f : forbidden) {
      Qualification q = Qualify(*RepoKnowledge(), *f.institution, Proc(id), {kToday}, name);
      const std::string label = std::string(name) + " at " + f.institution->name + " (" + f.check + ")";
      EXPECT_EQ(q.outcome, Outcome::kNotAllowed) << label;
      EXPECT_EQ(q.category, f.category) << label;
      EXPECT_EQ(q.named_as, name) << label;
      EXPECT_TRUE(q.missing.empty()) << label;
      ASSERT_FALSE(q.reasons.empty()) << label;
      EXPECT_EQ(q.reasons[0].check, "name") << label;
      EXPECT_THAT(q.reasons[0].message, HasSubstr("无论指哪一项")) << label;
      EXPECT_TRUE(std::any_of(q.reasons.begin(), q.reasons.end(), [&](const Reason& r) {
        return r.check == f.check && r.effect == Outcome::kNotAllowed;
      })) << label;
    }
  }
  // Where only the grade forbids it, a lower reading may be allowed: still unknown. A 诊所 may do
  // a grade-1 liposuction, and 鼻综合 may be grade-1 隆鼻 and 鼻尖成形.
  const Institution clinic = Make("医疗美容诊所", 0, {"医疗美容科"});
  EXPECT_EQ(Qualify(*RepoKnowledge(), clinic, Proc("liposuction-lt1000"), {kToday}, "吸脂").outcome,
            Outcome::kUnknown);
  ASSERT_EQ(Judge(clinic, "nasal-deformity-correction").outcome, Outcome::kNotAllowed);
  EXPECT_EQ(Qualify(*RepoKnowledge(), clinic, Proc("nasal-deformity-correction"), {kToday}, "鼻综合").outcome,
            Outcome::kUnknown);
  // 除皱 may also mean a botulinum injection or skin care, which a 生活美容院 may offer: unknown.
  Qualification wrinkles = Qualify(*RepoKnowledge(), venue, Proc("rhytidectomy-partial"), {kToday}, "除皱");
  EXPECT_EQ(wrinkles.outcome, Outcome::kUnknown);
  EXPECT_THAT(wrinkles.reasons[0].message, Not(HasSubstr("无论指哪一项")));
}

// The grade reason rests on the item's grade too: a grade-4 item only one source lists
// (regulation.md §2.5) makes the reason single, though the grade-4 rule is agreed.
TEST(Qualification, TheGradeReasonIsNoSurerThanTheItemsGrade) {
  const Institution hospital = Make("综合医院", 3, {"医疗美容科"});
  auto grade_certainty = [&](const char* id) {
    for (const Reason& r : Judge(hospital, id).reasons) {
      if (r.check == "grade") return r.certainty;
    }
    return kb::Certainty::kVerified;
  };
  EXPECT_EQ(grade_certainty("zygoma-reduction"), kb::Certainty::kAgreed);
  for (const char* id : {"jaw-osteotomy", "breast-reduction", "abdominoplasty"}) {
    EXPECT_EQ(grade_certainty(id), kb::Certainty::kSingle) << id;
  }
}

// Each grade clause corrected against the stored sources (kb/grade_rules.toml; regulation.md §2.6
// and its 2026-12-07 re-check): the outcome, the clause that decides it and the certainty its
// sources support. Every procedure below is itself `agreed`, so the grade reason carries the
// clause's certainty.
TEST(Qualification, EachCorrectedGradeClauseAnswersWithTheCertaintyOfItsSources) {
  struct Expect {
    const char* label;
    Institution institution;
    int grade;
    Outcome outcome;
    kb::Certainty certainty;
  };
  using C = kb::Certainty;
  const Expect cases[] = {
      // grade 1: 一级综合医院 (ylzhaopin + huangmagroup) agreed, was single with the whole rule.
      {"一级综合医院, grade 1", Make("综合医院", 1, {"整形外科"}), 1, Outcome::kAllowed,
       C::kAgreed},
      // grade 1: 二级 综合医院 stated by huyu1688 alone: single, was recalled.
      {"二级综合医院, grade 1", Make("综合医院", 2, {"医疗美容科"}), 1, Outcome::kAllowed,
       C::kSingle},
      // grade 1: 三级整形外科医院 (huyu1688): single, was recalled.
      {"三级整形外科医院, grade 1", Make("整形外科医院", 3, {"整形外科"}), 1, Outcome::kAllowed,
       C::kSingle},
      // grade 1: 美容医院 by huangmagroup's broad wording: single, was recalled.
      {"美容医院, grade 1", Make("美容医院", 0, {"医疗美容科"}), 1, Outcome::kAllowed, C::kSingle},
      // grade 1: the general 门诊部 and 诊所 (new clauses).
      {"综合门诊部, grade 1", Make("门诊部", 0, {"医疗美容科"}), 1, Outcome::kAllowed, C::kAgreed},
      {"诊所, grade 1", Make("诊所", 0, {"医疗美容科"}), 1, Outcome::kAllowed, C::kAgreed},
      {"医疗美容诊所, grade 1", Make("医疗美容诊所", 0, {"医疗美容科"}), 1, Outcome::kAllowed,
       C::kAgreed},
      // grade 2: only the 三级 整形外科医院 is named (was any level).
      {"二级整形外科医院, grade 2", Make("整形外科医院", 2, {"整形外科"}), 2, Outcome::kNotAllowed,
       C::kAgreed},
      {"三级整形外科医院, grade 2", Make("整形外科医院", 3, {"整形外科"}), 2, Outcome::kAllowed,
       C::kSingle},
      // grade 2: 三级综合医院 (huyu1688 + huangmagroup): agreed, was recalled.
      {"三级综合医院, grade 2", Make("综合医院", 3, {"医疗美容科"}), 2, Outcome::kAllowed,
       C::kAgreed},
      {"综合门诊部 with 麻醉科, grade 2", Make("门诊部", 0, {"整形外科", "麻醉科"}), 2,
       Outcome::kAllowed, C::kAgreed},
      {"综合门诊部 without 麻醉科, grade 2", Make("门诊部", 0, {"整形外科"}), 2,
       Outcome::kNotAllowed, C::kAgreed},
      // grade 3: 三级综合医院 (huangmagroup + huyu1688): agreed, was single.
      {"三级综合医院, grade 3", Make("综合医院", 3, {"医疗美容科"}), 3, Outcome::kAllowed,
       C::kAgreed},
      {"二级综合医院, grade 3", Make("综合医院", 2, {"医疗美容科"}), 3, Outcome::kNotAllowed,
       C::kAgreed},
      // grade 3: 三级整形外科医院 (huyu1688): single, was recalled.
      {"三级整形外科医院, grade 3", Make("整形外科医院", 3, {"整形外科"}), 3, Outcome::kAllowed,
       C::kSingle},
      {"美容医院, grade 3", Make("美容医院", 0, {"医疗美容科"}), 3, Outcome::kAllowed, C::kSingle},
      // grade 4: no source puts 美容医院 there; 三级整形外科医院 and 三级综合医院 by four sources.
      {"美容医院, grade 4", Make("美容医院", 0, {"医疗美容科", "麻醉科"}), 4, Outcome::kNotAllowed,
       C::kAgreed},
      {"三级整形外科医院, grade 4", Make("整形外科医院", 3, {"整形外科"}), 4, Outcome::kAllowed,
       C::kAgreed},
      {"三级综合医院, grade 4", Make("综合医院", 3, {"整形外科"}), 4, Outcome::kAllowed,
       C::kAgreed},
  };
  for (const Expect& e : cases) {
    ASSERT_EQ(Proc(kByGrade[e.grade - 1]).prov.certainty, C::kAgreed) << kByGrade[e.grade - 1];
    const Qualification q = Judge(e.institution, kByGrade[e.grade - 1]);
    const Reason* grade = nullptr;
    for (const Reason& r : q.reasons) {
      if (r.check == "grade") grade = &r;
    }
    ASSERT_NE(grade, nullptr) << e.label;
    EXPECT_EQ(grade->effect, e.outcome) << e.label << ": " << grade->message;
    EXPECT_EQ(grade->rule, "grade-rule-" + std::to_string(e.grade)) << e.label;
    EXPECT_EQ(grade->certainty, e.certainty) << e.label << ": " << grade->message;
  }
  // The grade-4 rule in words no longer files the 三级整形外科医院 under 美容医院.
  for (const std::string& words : RepoKnowledge()->FindGradeRule(4)->institutions) {
    EXPECT_THAT(words, Not(HasSubstr("美容医院：仅限"))) << words;
  }
}

TEST(Qualification, JsonCarriesOutcomeReasonsAndBasis) {
  nlohmann::json j = QualificationToJson(Judge(Make("医疗美容诊所", 0, {"医疗美容科"}), "breast-augmentation"));
  EXPECT_EQ(j["outcome"], "not_allowed");
  EXPECT_EQ(j["category"], "beyond_licence_scope");
  EXPECT_EQ(j["procedure"]["grade"], 2);
  bool cited = false;
  for (const auto& r : j["reasons"]) {
    for (const auto& b : r["basis"]) cited = cited || b["id"] == "catalog-2009-institutions";
  }
  EXPECT_TRUE(cited);
}

// The non-medical venue types the licence check knows are the ones the knowledge base names.
TEST(Qualification, KnowledgeBaseHasEveryPracticeRule) {
  for (int c = 0; c < kb::kPracticeCaseCount; ++c) {
    EXPECT_NE(RepoKnowledge()->FindPracticeRule(static_cast<kb::PracticeCase>(c)), nullptr)
        << kb::PracticeCaseName(static_cast<kb::PracticeCase>(c));
  }
}

}  // namespace
}  // namespace jianmei::registry
