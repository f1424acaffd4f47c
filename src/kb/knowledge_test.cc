#include "kb/knowledge.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kb/lexicon.h"
#include "kb/kb_dir_test.h"
#include "kb/test_kb.h"

namespace jianmei::kb {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace test_kb;  // NOLINT: the shared fragments

constexpr char kProcedures[] = R"(
[[procedure]]
id = "calf-nerve-resection"
name = "小腿神经离断瘦腿手术"
status = "banned"
aliases = ["小腿肌肉阻断术", "小腿阻断"]
ambiguous_aliases = ["瘦小腿术"]
summary = "切断小腿神经"
basis = ["ad-law-16-1"]
source = "test"
certainty = "agreed"
)";

constexpr char kClaims[] = R"(
[[claim]]
id = "guarantee.safety"
category = "guarantee_efficacy_safety"
severity = "high"
terms = ["没有副作用"]
patterns = ['有效率\d+%']
explanation = "保证"
basis = ["ad-law-16-1"]
source = "test"
certainty = "verified"
)";

using KnowledgeTest = KbDirTest;

TEST_F(KnowledgeTest, LoadsValidEntriesAndResolvesAliasesThroughTheNormaliser) {
  Write("laws.toml", kLaws);
  Write("procedures.toml", kProcedures);
  Write("claims.toml", kClaims);
  auto kb = Load();
  ASSERT_TRUE(kb.ok()) << AllDiagnostics();
  EXPECT_EQ((*kb)->procedures().size(), 1u);
  const TermOwner* owner = (*kb)->Resolve("小 腿 肌 肉 阻 斷 術");  // spaced, traditional
  ASSERT_NE(owner, nullptr);
  EXPECT_EQ((*kb)->IdOf(owner->ref), "calf-nerve-resection");
  EXPECT_NE((*kb)->Resolve("小腿神经离断瘦腿手术"), nullptr);  // official name
  ASSERT_NE((*kb)->Resolve("瘦小腿术"), nullptr);
  EXPECT_TRUE((*kb)->Resolve("瘦小腿术")->ambiguous);
  EXPECT_EQ((*kb)->Resolve("隆鼻"), nullptr);
  EXPECT_EQ((*kb)->version().size(), 16u);

  std::vector<LexiconEntry> lex = BuildLexicon(**kb);
  ASSERT_EQ(lex.size(), (*kb)->terms().size() + 1);
  EXPECT_FALSE(lex.back().literal);
  EXPECT_EQ(lex.back().expression, "有效率\\d+%");
}

TEST_F(KnowledgeTest, LoadsTheClaimModelAndChecksItScoresAsTrained) {
  Write("laws.toml", kLaws);
  Write("categories.toml", kCategoryNote);
  fs::create_directories(dir_ / "kb" / "model");
  Write("model/m.toml", kModel);
  Write("model/w.tsv", kWeights);
  auto kb = Load();
  ASSERT_TRUE(kb.ok()) << AllDiagnostics();
  ASSERT_NE((*kb)->claim_model(), nullptr);
  EXPECT_EQ((*kb)->claim_model()->feature_count(), 1u);
  ASSERT_NE((*kb)->FindCategoryNote(Category::kGuaranteeEfficacySafety), nullptr);
  EXPECT_EQ((*kb)->FindCategoryNote(Category::kAbsoluteTerms), nullptr);
  const std::string version = (*kb)->version();

  // The weights file is part of the version, and weights that do not reproduce the checks are
  // refused: they belong to another training, or the scoring has drifted from the script's.
  Write("model/w.tsv", "# ngram\tidf\tguarantee_efficacy_safety\n奇效\t1\t4.5\n");
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("[model.test]: check text scores"));
  EXPECT_THAT(AllDiagnostics(), HasSubstr("the weights do not belong to this model"));

  Write("model/w.tsv", "# ngram\tidf\tabsolute_terms\n奇效\t1\t4\n");
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("model/w.tsv:1 [model.test]: the header must be"));
  Write("model/w.tsv", "# ngram\tidf\tguarantee_efficacy_safety\n奇效\t1\tx\n");
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("model/w.tsv:2 [model.test]: a field is not a finite number"));

  Write("model/w.tsv", kWeights);
  fs::remove(dir_ / "kb" / "categories.toml");
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("no [[category]] note for guarantee_efficacy_safety"));
  Write("categories.toml", kCategoryNote);
  kb = Load();
  ASSERT_TRUE(kb.ok()) << AllDiagnostics();
  EXPECT_EQ((*kb)->version(), version);
}

// The promotion column: its thresholds in the entry, one more intercept, weight column and check
// probability, all checked.
TEST_F(KnowledgeTest, LoadsThePromotionColumnAndChecksItToo) {
  Write("laws.toml", kLaws);
  Write("categories.toml", kCategoryNote);
  fs::create_directories(dir_ / "kb" / "model");
  std::string model = kModel;
  auto set = [&](const std::string& from, const std::string& to) {
    std::string m = model;
    m.replace(m.find(from), from.size(), to);
    return m;
  };
  model = set("intercepts = [-1]", "promotion_above = 0.6\npromotion_below = 0.4\nintercepts = [-1, 0]");
  model = set("probabilities = [0.952574]", "probabilities = [0.952574, 0.880797]");
  model = set("probabilities = [0.268941]", "probabilities = [0.268941, 0.5]");
  Write("model/m.toml", model);
  Write("model/w.tsv", "# ngram\tidf\tguarantee_efficacy_safety\tpromotion\n奇效\t1\t4\t2\n");
  auto kb = Load();
  ASSERT_TRUE(kb.ok()) << AllDiagnostics();
  ASSERT_TRUE((*kb)->claim_model()->promotion());
  EXPECT_EQ((*kb)->claim_model()->promotion()->below, 0.4);
  EXPECT_EQ((*kb)->claim_model()->promotion()->weight_against, 2) << "the default";

  Write("model/m.toml", set("promotion_below = 0.4", "promotion_below = 0.4\npromotion_weight_against = 3"));
  kb = Load();
  ASSERT_TRUE(kb.ok()) << AllDiagnostics();
  EXPECT_EQ((*kb)->claim_model()->promotion()->weight_against, 3);
  EXPECT_EQ((*kb)->claim_model()->promotion()->weight_for, 2);
  Write("model/m.toml", set("promotion_below = 0.4", "promotion_below = 0.4\npromotion_weight_for = 13"));
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("`promotion_weight_for` must be an integer from 0 to 12"));
  Write("model/m.toml", model);

  Write("model/w.tsv", "# ngram\tidf\tguarantee_efficacy_safety\tpromotion\n奇效\t1\t4\t3\n");
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("for promotion where the training script computed"));
  Write("model/w.tsv", kWeights);
  EXPECT_FALSE(Load().ok()) << "the weights file lacks the promotion column";
  EXPECT_THAT(AllDiagnostics(), HasSubstr("the header must be"));

  Write("model/m.toml", set("intercepts = [-1, 0]", "intercepts = [-1]"));
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("and the promotion column"));
  Write("model/m.toml", set("promotion_below = 0.4", "promotion_below = 0.7"));
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("`promotion_below` is above `promotion_above`"));
}

TEST_F(KnowledgeTest, WordingsTheScreenerFillsInAreRequiredWithTheirPlaceholders) {
  Write("laws.toml", kLaws);
  std::string wording = kWording;
  wording.replace(wording.find("{max_grade}"), 11, "{maximum}");
  wording.erase(wording.find("[[wording]]\nid = \"wording.model.claim\""));
  Write("wording.toml", wording);
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("[wording.model.claim]: missing"));
  EXPECT_THAT(AllDiagnostics(), HasSubstr("[wording.venue.beyond_grade]: unknown placeholder {maximum}"));
  EXPECT_EQ(FillWording("「{name}」{x}{", {{"name", "甲"}}), "「甲」{x}{");
}

TEST_F(KnowledgeTest, AliasCollisionAcrossEntriesIsReportedWithBothEntries) {
  Write("laws.toml", kLaws);
  Write("procedures.toml", kProcedures);
  Write("claims.toml", std::string(kClaims) + R"(
[[claim]]
id = "other"
category = "absolute_terms"
severity = "low"
terms = ["小腿阻斷"]
explanation = "x"
basis = ["ad-law-16-1"]
source = "test"
certainty = "single"
)");
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("[other]: term \"小腿阻斷\" collides with \"小腿阻断\" "
                                          "of [calf-nerve-resection]"));
}

// grade_ambiguous_aliases marks ambiguous aliases whose readings differ only in grade; each must
// be one of the entry's ambiguous_aliases (the screener finds them as those).
TEST_F(KnowledgeTest, GradeAmbiguousAliasesAreAmongTheAmbiguousAliases) {
  Write("laws.toml", kLaws);
  Write("claims.toml", kClaims);
  std::string procedures = kProcedures;
  const std::string ambiguous = "ambiguous_aliases = [\"瘦小腿术\"]\n";
  procedures.replace(procedures.find(ambiguous), ambiguous.size(),
                     ambiguous + "grade_ambiguous_aliases = [\"瘦小腿术\"]\n");
  Write("procedures.toml", procedures);
  auto kb = Load();
  ASSERT_TRUE(kb.ok()) << AllDiagnostics();
  EXPECT_EQ((*kb)->procedures()[0].grade_ambiguous_aliases, std::vector<std::string>{"瘦小腿术"});

  procedures.replace(procedures.find("grade_ambiguous_aliases = [\"瘦小腿术\"]"),
                     std::string("grade_ambiguous_aliases = [\"瘦小腿术\"]").size(),
                     "grade_ambiguous_aliases = [\"瘦小腿术\", \"小腿阻断\"]");
  Write("procedures.toml", procedures);
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("[calf-nerve-resection]: grade_ambiguous_aliases: "
                                          "\"小腿阻断\" is not one of its ambiguous_aliases"));
}

TEST_F(KnowledgeTest, MissingSourceUnknownKeyAndDanglingBasisAreEachNamed) {
  Write("laws.toml", kLaws);
  Write("procedures.toml", R"(
[[procedure]]
id = "p1"
name = "测试术"
status = "banned"
summary = "x"
basis = ["no-such-law"]
certainty = "agreed"
colour = "red"
)");
  EXPECT_FALSE(Load().ok());
  const std::string all = AllDiagnostics();
  EXPECT_THAT(all, HasSubstr("procedures.toml:2 [p1]: missing required key `source`"));
  EXPECT_THAT(all, HasSubstr("procedures.toml:9 [p1]: unknown key `colour`"));
  EXPECT_THAT(all, HasSubstr("[p1]: basis names unknown law id \"no-such-law\""));
}

// Patterns are matched against folded text but not folded themselves: a character posts never
// keep makes a pattern that can never match, which load refuses, naming the character.
TEST_F(KnowledgeTest, APatternCharacterPostsNeverKeepIsAnError) {
  Write("laws.toml", kLaws);
  std::string claims = kClaims;
  claims.replace(claims.find(R"('有效率\d+%')"), std::string(R"('有效率\d+%')").size(),
                 R"('术後\d+天', '有效率：\d+%', '效果(好|赞)', '\pL\x4後')");
  Write("claims.toml", claims);
  EXPECT_FALSE(Load().ok());
  const std::string all = AllDiagnostics();
  EXPECT_THAT(all, HasSubstr("[guarantee.safety]: pattern '术後\\d+天': posts never keep 後 "
                             "(folded to 后); write 后"));
  EXPECT_THAT(all, HasSubstr("pattern '有效率：\\d+%': posts never keep ： (removed as "
                             "punctuation, a symbol or a space)"));
  EXPECT_THAT(all, Not(HasSubstr("效果(好|赞)")));
  // ASCII is the patterns' syntax (\pL) and is not checked; a character after it still is.
  EXPECT_THAT(all, HasSubstr("pattern '\\pL\\x4後': posts never keep 後"));
  EXPECT_THAT(all, Not(HasSubstr("posts never keep L")));
}

TEST_F(KnowledgeTest, DuplicateIdsAndBadEnumsAreReported) {
  Write("laws.toml", std::string(kLaws) + kLaws);
  Write("claims.toml", R"(
[[claim]]
id = "c"
category = "not_a_category"
severity = "extreme"
terms = ["x术"]
explanation = "x"
basis = ["ad-law-16-1"]
source = "s"
certainty = "sure"
)");
  EXPECT_FALSE(Load().ok());
  const std::string all = AllDiagnostics();
  EXPECT_THAT(all, HasSubstr("[ad-law-16-1]: duplicate id"));
  EXPECT_THAT(all, HasSubstr("unknown category \"not_a_category\""));
  EXPECT_THAT(all, HasSubstr("unknown severity \"extreme\""));
  EXPECT_THAT(all, HasSubstr("`certainty` is \"sure\"; expected one of verified"));
}

TEST_F(KnowledgeTest, ContactHandleFormsAreLinted) {
  Write("laws.toml", kLaws);
  const std::string good = R"(
[[contact_handle]]
id = "wechat-green-bubble"
kind = "wechat"
forms = ["绿泡泡", "➕v"]
separator = "optional"
source = "s"
certainty = "single"
)";
  Write("contact_handles.toml", good);
  ASSERT_TRUE(Load().ok()) << AllDiagnostics();
  Write("contact_handles.toml", good + R"(
[[contact_handle]]
id = "wechat-green-bubble"
kind = "email"
forms = ["绿泡泡", "VX", "🛰️"]
separator = "sometimes"
certainty = "single"
)");
  EXPECT_FALSE(Load().ok());
  const std::string all = AllDiagnostics();
  EXPECT_THAT(all, HasSubstr("duplicate contact_handle id"));
  EXPECT_THAT(all, HasSubstr("`kind` is \"email\""));
  EXPECT_THAT(all, HasSubstr("`separator` is \"sometimes\""));
  EXPECT_THAT(all, HasSubstr("\"绿泡泡\" is listed twice"));
  EXPECT_THAT(all, HasSubstr("\"VX\" must be written in lower case"));
  EXPECT_THAT(all, HasSubstr("without the variation selector"));
  EXPECT_THAT(all, HasSubstr("missing required key `source`"));
}

TEST_F(KnowledgeTest, TomlSyntaxErrorNamesFileAndLine) {
  Write("laws.toml", "[[law]]\nid = \"x\"\nlaw = \n");
  EXPECT_FALSE(Load().ok());
  ASSERT_FALSE(diags_.empty());
  EXPECT_EQ(diags_[0].file, "kb/laws.toml");
  EXPECT_EQ(diags_[0].line, 3);
  EXPECT_THAT(diags_[0].message, HasSubstr("TOML syntax"));
}

TEST_F(KnowledgeTest, MissingDirectoryIsNotFound) {
  std::vector<Diagnostic> d;
  auto kb = Knowledge::Load((dir_ / "nope").string(), norm_, &d);
  EXPECT_EQ(kb.status().code(), Status::Code::kNotFound);
}

TEST(Lexicon, EscapesMetacharacters) {
  EXPECT_EQ(EscapeLiteral("98.5%"), "98\\.5%");
  EXPECT_EQ(EscapeLiteral("a+b(c)"), "a\\+b\\(c\\)");
}

}  // namespace
}  // namespace jianmei::kb

namespace jianmei::kb {
namespace {

constexpr char kGradeRule2[] = R"(
[[grade_rule]]
id = "g2"
grade = 2
institutions = ["门诊部：设有麻醉科的门诊部"]
basis = ["ad-law-16-1"]
source = "test"
certainty = "agreed"

[[grade_rule.allow]]
type = "医疗美容门诊部"
departments_all = ["麻醉科"]
)";

// Qualification judges a 美容外科 item by its grade; other specialties are not graded.
TEST_F(KnowledgeTest, ACatalogCosmeticSurgeryItemNeedsItsGrade) {
  Write("laws.toml", kLaws);
  Write("procedures.toml", std::string(kProcedures) + R"(
[[procedure]]
id = "ungraded"
name = "测试术"
status = "catalog"
specialty = "美容外科"
aliases = []
summary = "x"
basis = ["ad-law-16-1"]
source = "test"
certainty = "single"

[[procedure]]
id = "skin"
name = "测试皮肤项目"
status = "catalog"
specialty = "美容皮肤科"
aliases = []
summary = "x"
basis = ["ad-law-16-1"]
source = "test"
certainty = "single"
)");
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("[ungraded]: a catalog 美容外科 item needs its grade"));
  EXPECT_THAT(AllDiagnostics(), ::testing::Not(HasSubstr("[skin]")));
}

// FindDepartmentRule would use the first of two rules for one specialty and hide the second.
TEST_F(KnowledgeTest, ASecondDepartmentRuleForASpecialtyNamesBoth) {
  Write("laws.toml", kLaws);
  Write("rules.toml", R"(
[[department_rule]]
id = "d1"
specialty = "美容外科"
departments = ["医疗美容科"]
basis = ["ad-law-16-1"]
source = "test"
certainty = "agreed"

[[department_rule]]
id = "d2"
specialty = "美容外科"
departments = ["整形外科"]
basis = ["ad-law-16-1"]
source = "test"
certainty = "agreed"

[[department_rule]]
id = "d3"
specialty = "美容皮肤科"
departments = ["美容皮肤科"]
basis = ["ad-law-16-1"]
source = "test"
certainty = "agreed"
)");
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(),
              HasSubstr("[d2]: a second department_rule for 美容外科 (the first is d1 at "));
  EXPECT_THAT(AllDiagnostics(), ::testing::Not(HasSubstr("[d3]")));
}

TEST_F(KnowledgeTest, StructuredInstitutionRulesAreLoadedAndChecked) {
  Write("laws.toml", kLaws);
  Write("rules.toml", std::string(kGradeRule2) + R"(certainty = "agreed"

[[grade_rule.allow]]
type = "牙科诊所"
levels = [4]
departments_any = ["眼科"]
certainty = "single"

[[department_rule]]
id = "d1"
specialty = "美容外科"
departments = ["医疗美容科"]
basis = ["ad-law-16-1"]
source = "test"
certainty = "agreed"

[[practice_rule]]
id = "p1"
applies = "non_medical_venue"
types = ["生活美容院"]
explanation = "x"
basis = ["ad-law-16-1"]
source = "test"
certainty = "agreed"

[[practice_rule]]
id = "p2"
applies = "non_medical_venue"
types = ["美甲店"]
explanation = "x"
basis = ["no-such-law"]
source = "test"
certainty = "agreed"
)");
  EXPECT_FALSE(Load().ok());
  const std::string all = AllDiagnostics();
  EXPECT_THAT(all, HasSubstr("unknown institution type \"牙科诊所\""));
  EXPECT_THAT(all, HasSubstr("`levels` has an element that is not an integer from 1 to 3"));
  EXPECT_THAT(all, HasSubstr("unknown department \"眼科\""));
  EXPECT_THAT(all, HasSubstr("[p2]: a second practice_rule for non_medical_venue"));
  EXPECT_THAT(all, HasSubstr("[p2]: unknown institution type \"美甲店\""));
  EXPECT_THAT(all, HasSubstr("[p2]: basis names unknown law id \"no-such-law\""));

  // The same file without the bad parts loads, with the clauses in order.
  Write("rules.toml", std::string(kGradeRule2) + R"(note = "n"
certainty = "single"
)");
  auto kb = Load();
  ASSERT_TRUE(kb.ok()) << AllDiagnostics();
  const GradeRule* g = (*kb)->FindGradeRule(2);
  ASSERT_NE(g, nullptr);
  ASSERT_EQ(g->allow.size(), 1u);
  EXPECT_EQ(g->allow[0].type, "医疗美容门诊部");
  EXPECT_EQ(g->allow[0].departments_all, std::vector<std::string>{"麻醉科"});
  EXPECT_EQ(g->allow[0].certainty, Certainty::kSingle);
  EXPECT_EQ(g->allow[0].note, "n");
}

}  // namespace
}  // namespace jianmei::kb

namespace jianmei::kb {
namespace {

constexpr char kChannel[] = R"(
[[complaint_channel]]
id = "channel.health"
name = "{city}卫生健康委员会"
contact = "12320"
handles = "查处超范围执业"
categories = ["beyond_licence_scope", "unlicensed_provider"]
source = "test"
certainty = "agreed"
)";

constexpr char kComplaintWordings[] = R"(
[[wording]]
id = "wording.complaint.engine_note"
text = "知识库 {kb_version}"
source = "test"
certainty = "recalled"

[[wording]]
id = "wording.complaint.channels_note"
text = "渠道"
source = "test"
certainty = "recalled"

[[wording]]
id = "wording.complaint.verify"
text = "{bundle} {origin} {size} {root} {key}"
source = "test"
certainty = "recalled"
)";

TEST_F(KnowledgeTest, ComplaintChannelsLoadWithTheirCategoriesAndProvenance) {
  Write("laws.toml", kLaws);
  Write("channels.toml", std::string(kChannel) + kComplaintWordings);
  auto kb = Load();
  ASSERT_TRUE(kb.ok()) << AllDiagnostics();
  ASSERT_EQ((*kb)->complaint_channels().size(), 1u);
  const ComplaintChannel& c = (*kb)->complaint_channels()[0];
  EXPECT_EQ(c.id, "channel.health");
  EXPECT_EQ(c.name, "{city}卫生健康委员会");
  EXPECT_EQ(c.contact, "12320");
  EXPECT_EQ(c.categories, (std::vector<Category>{Category::kBeyondLicenceScope,
                                                 Category::kUnlicensedProvider}));
  EXPECT_EQ(c.prov.certainty, Certainty::kAgreed);
  EXPECT_EQ(c.prov.source, "test");
}

TEST_F(KnowledgeTest, AComplaintChannelWithoutSourceOrWithAnUnknownCategoryIsRefused) {
  Write("laws.toml", kLaws);
  std::string bad = kChannel;
  bad.replace(bad.find("unlicensed_provider"), 19, "unlicensed");
  bad.replace(bad.find("{city}"), 6, "{town}");
  bad.erase(bad.find("source = \"test\""), 16);
  Write("channels.toml", bad + kComplaintWordings);
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("unknown category \"unlicensed\""));
  EXPECT_THAT(AllDiagnostics(), HasSubstr("only placeholder a channel's name may hold is {city}"));
  EXPECT_THAT(AllDiagnostics(), HasSubstr("source"));
}

TEST_F(KnowledgeTest, ComplaintChannelsNeedTheComplaintReportWordings) {
  Write("laws.toml", kLaws);
  std::string wordings = kComplaintWordings;
  wordings.replace(wordings.find("{root}"), 6, "{hash}");
  Write("channels.toml", std::string(kChannel) + wordings.substr(0, wordings.find("[[wording]]\nid = \"wording.complaint.channels_note")) +
                             wordings.substr(wordings.find("[[wording]]\nid = \"wording.complaint.verify")));
  EXPECT_FALSE(Load().ok());
  EXPECT_THAT(AllDiagnostics(), HasSubstr("wording.complaint.channels_note"));
  EXPECT_THAT(AllDiagnostics(), HasSubstr("missing: the complaint report"));
  EXPECT_THAT(AllDiagnostics(), HasSubstr("unknown placeholder {hash}"));
}

}  // namespace
}  // namespace jianmei::kb
