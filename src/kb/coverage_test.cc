#include "kb/coverage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>


#include "kb/kb_dir_test.h"
#include "kb/test_kb.h"

namespace jianmei::kb {
namespace {

using ::testing::HasSubstr;
using namespace test_kb;  // NOLINT: the shared fragments

// Two grade-3 items of a part the sources say has four, one of them single; one banned item.
constexpr char kProcedures[] = R"(
[[catalog_part]]
id = "catalog.surgery.3"
specialty = "美容外科"
grade = 3
reach = "partial"
items_stated = 4
unconfirmed = ["某某三级术"]
note = "test"
source = "test"
certainty = "agreed"

[[catalog_part]]
id = "catalog.dental"
specialty = "美容牙科"
reach = "none"
note = "no source lists it"
source = "test"
certainty = "recalled"

[[product]]
id = "toxin-brand"
name = "某品牌肉毒毒素"
kind = "drug"
status = "approved"
maker = "某某生物"
approved_uses = ["眉间纹"]
summary = "s"
source = "test"
certainty = "single"

[[product]]
id = "toxin-class"
name = "肉毒毒素"
kind = "drug"
status = "restricted"
summary = "s"
source = "test"
certainty = "single"

[[procedure]]
id = "full-face-lift"
name = "全面部除皱术"
status = "catalog"
specialty = "美容外科"
grade = 3
summary = "s"
source = "test"
certainty = "agreed"

[[procedure]]
id = "tattoo-repair"
name = "不良文饰修复术"
status = "catalog"
specialty = "美容外科"
grade = 3
summary = "s"
source = "test"
certainty = "single"

[[procedure]]
id = "calf-nerve-resection"
name = "小腿神经离断瘦腿手术"
status = "banned"
summary = "s"
basis = ["ad-law-16-1"]
source = "test"
certainty = "agreed"
)";

class CoverageTest : public KbDirTest {
 protected:
  void SetUp() override {
    KbDirTest::SetUp();
    Write("laws.toml", kLaws);
  }
};

const KindCoverage* Kind(const Coverage& c, const std::string& kind) {
  for (const auto& k : c.kinds) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

TEST_F(CoverageTest, CountsEntriesPerKindAndCertaintyAndWhatEachCatalogPartLacks) {
  Write("procedures.toml", kProcedures);
  auto kb = Load();
  ASSERT_TRUE(kb.ok()) << AllDiagnostics();
  const Coverage cov = MeasureCoverage(**kb);

  const KindCoverage* catalog = Kind(cov, "procedure (catalog)");
  ASSERT_NE(catalog, nullptr);
  EXPECT_EQ(catalog->entries, 2);
  EXPECT_EQ(catalog->certainty[static_cast<int>(Certainty::kAgreed)], 1);
  EXPECT_EQ(catalog->certainty[static_cast<int>(Certainty::kSingle)], 1);
  ASSERT_NE(Kind(cov, "procedure (banned)"), nullptr);
  EXPECT_EQ(Kind(cov, "procedure (banned)")->entries, 1);
  ASSERT_NE(Kind(cov, "law"), nullptr);
  EXPECT_EQ(Kind(cov, "law")->certainty[static_cast<int>(Certainty::kVerified)], 1);
  EXPECT_EQ(cov.products.products, 2);
  EXPECT_EQ(cov.products.with_maker, 1);
  EXPECT_EQ(cov.products.with_registration, 0);
  EXPECT_EQ(cov.products.with_approved_uses, 1);
  int sum = 0;
  for (int n : cov.total) sum += n;
  EXPECT_EQ(sum, cov.total_entries);

  // Every part is listed, reached or not: 美容外科 by grade, then the three ungraded specialties.
  ASSERT_EQ(cov.parts.size(), 7u);
  const PartCoverage& g3 = cov.parts[2];
  EXPECT_EQ(g3.specialty, "美容外科");
  EXPECT_EQ(g3.grade, 3);
  EXPECT_EQ(g3.entries, 2);
  ASSERT_NE(g3.part, nullptr);
  EXPECT_EQ(g3.lacking, 2) << "the sources say four items; the knowledge base has two";
  EXPECT_EQ(cov.parts[0].lacking, -1) << "no source states how many grade-1 items there are";
  EXPECT_EQ(cov.parts[0].part, nullptr);
  const PartCoverage& dental = cov.parts[4];
  EXPECT_EQ(dental.specialty, "美容牙科");
  ASSERT_NE(dental.part, nullptr);
  EXPECT_EQ(dental.part->reach, CatalogReach::kNone);
  EXPECT_EQ(dental.entries, 0);
}

TEST_F(CoverageTest, CatalogPartsAreLinted) {
  Write("procedures.toml", std::string(kProcedures) + R"(
[[catalog_part]]
id = "catalog.surgery.3b"
specialty = "美容外科"
grade = 3
reach = "partial"
unconfirmed = ["全面部除皱术"]
note = "dup"
source = "test"
certainty = "agreed"

[[catalog_part]]
id = "catalog.skin.graded"
specialty = "美容皮肤科"
grade = 2
reach = "none"
note = "x"
source = "test"
certainty = "agreed"

[[catalog_part]]
id = "catalog.surgery.nograde"
specialty = "美容外科"
reach = "full"
source = "test"
certainty = "agreed"

[[catalog_part]]
id = "catalog.nails"
specialty = "美甲"
reach = "none"
source = "test"
certainty = "agreed"
)");
  EXPECT_FALSE(Load().ok());
  const std::string all = AllDiagnostics();
  EXPECT_THAT(all, HasSubstr("a second catalog_part for this part"));
  EXPECT_THAT(all, HasSubstr("is already the procedure full-face-lift"));
  EXPECT_THAT(all, HasSubstr("only 美容外科 is graded"));
  EXPECT_THAT(all, HasSubstr("a 美容外科 part needs its grade"));
  EXPECT_THAT(all, HasSubstr("unknown specialty \"美甲\""));
  EXPECT_THAT(all, HasSubstr("`note`")) << "a part the sources do not fully reach says why";
}

}  // namespace
}  // namespace jianmei::kb
