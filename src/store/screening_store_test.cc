#include "store/screening_store.h"

#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store/test_util.h"

namespace jianmei::store {
namespace {

StoredScreening Sample(std::string posted_at, std::string institution,
                       std::vector<std::pair<std::string, std::string>> findings) {
  StoredScreening s;
  s.text = "小腿肌肉阻断术，没有副作用";
  s.screened_at = "2026-01-05T10:00:00Z";
  s.posted_at = std::move(posted_at);
  s.institution = std::move(institution);
  s.verdict = findings.empty() ? "clean" : "violation";
  s.risk = findings.empty() ? 0 : 90;
  for (auto& [category, severity] : findings) {
    s.findings.push_back({category, "rule." + category, severity, "", 0, 3});
  }
  return s;
}

TEST(ScreeningStore, CountsByCategoryDayAndInstitution) {
  TempDir dir;
  auto store = ScreeningStore::Open(DatabasePath(dir.path()));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto ids = (*store)->Add({
      Sample("2026-01-01T08:00:00+08:00", "甲美容诊所",
             {{"non_catalog_procedure", "critical"}, {"guarantee_efficacy_safety", "high"}}),
      Sample("2026-01-02T09:00:00Z", "甲美容诊所", {{"guarantee_efficacy_safety", "high"}}),
      Sample("", "乙工作室", {{"absolute_terms", "low"}}),
      Sample("2026-01-02T10:00:00Z", "", {}),
  });
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), 4u);
  EXPECT_LT((*ids)[0], (*ids)[1]);

  auto stats = (*store)->Stats(10);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->posts, 4);
  EXPECT_EQ(stats->findings, 4);
  ASSERT_EQ(stats->by_category.size(), 3u);
  EXPECT_EQ(stats->by_category[0].category, "guarantee_efficacy_safety");
  EXPECT_EQ(stats->by_category[0].findings, 2);

  // The third post has no posted_at: it counts on the day it was screened.
  ASSERT_EQ(stats->by_day.size(), 4u);
  EXPECT_EQ(stats->by_day[0].day, "2026-01-01");
  EXPECT_EQ(stats->by_day[0].findings, 1);
  EXPECT_EQ(stats->by_day[2].day, "2026-01-02");
  EXPECT_EQ(stats->by_day[2].category, "guarantee_efficacy_safety");
  EXPECT_EQ(stats->by_day[3].day, "2026-01-05");

  ASSERT_EQ(stats->by_institution.size(), 2u);
  EXPECT_EQ(stats->by_institution[0].institution, "甲美容诊所");
  EXPECT_EQ(stats->by_institution[0].findings, 3);
  EXPECT_EQ(stats->by_institution[0].serious, 3);
  EXPECT_EQ(stats->by_institution[0].posts, 2);
  EXPECT_EQ(stats->by_institution[1].serious, 0);

  auto top1 = (*store)->Stats(1);
  ASSERT_TRUE(top1.ok());
  EXPECT_EQ(top1->by_institution.size(), 1u);
}

TEST(ScreeningStore, KeepsRowsAcrossReopenAndRejectsBadVerdictWhole) {
  TempDir dir;
  const std::string path = DatabasePath(dir.path());
  {
    auto store = ScreeningStore::Open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Add({Sample("", "", {{"absolute_terms", "low"}})}).ok());
    StoredScreening bad = Sample("", "", {{"absolute_terms", "low"}});
    bad.verdict = "maybe";
    auto r = (*store)->Add({Sample("", "", {}), bad});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("CHECK"), std::string::npos) << r.status().message();
  }
  auto store = ScreeningStore::Open(path);
  ASSERT_TRUE(store.ok());
  auto stats = (*store)->Stats(10);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->posts, 1);  // the failed batch left nothing behind
  EXPECT_EQ(stats->findings, 1);
}

TEST(ScreeningStore, HistoryOfAnInstitutionUnderAnyOfItsNames) {
  TempDir dir;
  auto store = ScreeningStore::Open(DatabasePath(dir.path()));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  StoredScreening first = Sample("2026-01-01T08:00:00+08:00", "甲美容诊所",
                                 {{"guarantee_efficacy_safety", "high"}, {"non_catalog_procedure", "critical"}});
  first.findings[0].start = 10;  // stored out of position order; read back in order
  first.post_id = "p-1";
  auto ids = (*store)->Add({
      first,
      Sample("2026-01-03T09:00:00Z", "甲美容", {{"absolute_terms", "low"}}),
      Sample("2026-01-02T09:00:00Z", "乙工作室", {{"absolute_terms", "high"}}),
      Sample("2026-01-02T10:00:00Z", "甲美容诊所", {}),
  });
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();

  auto h = (*store)->History({"甲美容诊所", "甲美容", "PDY-0001"}, 2);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->posts, 3);
  EXPECT_EQ(h->findings, 3);
  EXPECT_EQ(h->serious, 2);
  ASSERT_EQ(h->recent.size(), 2u) << "at most the limit, newest day first";
  EXPECT_EQ(h->recent[0].id, (*ids)[1]);
  EXPECT_EQ(h->recent[0].screening.institution, "甲美容");
  EXPECT_EQ(h->recent[1].id, (*ids)[3]);
  EXPECT_TRUE(h->recent[1].screening.findings.empty());

  auto all = (*store)->History({"甲美容诊所"}, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->recent.size(), 2u);
  const ScreeningRecord& oldest = all->recent[1];
  EXPECT_EQ(oldest.id, (*ids)[0]);
  EXPECT_EQ(oldest.screening.post_id, "p-1");
  EXPECT_EQ(oldest.screening.text, first.text);
  EXPECT_EQ(oldest.screening.verdict, "violation");
  EXPECT_EQ(oldest.screening.risk, 90);
  ASSERT_EQ(oldest.screening.findings.size(), 2u);
  EXPECT_EQ(oldest.screening.findings[0].category, "non_catalog_procedure");
  EXPECT_EQ(oldest.screening.findings[1].start, 10);

  auto none = (*store)->History({"丙", "' OR 1=1 --"}, 10);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->posts, 0);
  EXPECT_EQ(none->serious, 0);
  EXPECT_TRUE(none->recent.empty());
  EXPECT_EQ((*store)->History({}, 10)->posts, 0);
}

TEST(ScreeningStore, DayOfTakesTheDateAsWritten) {
  EXPECT_EQ(DayOf("2026-03-01T23:30:00-05:00"), "2026-03-01");
}

}  // namespace
}  // namespace jianmei::store
