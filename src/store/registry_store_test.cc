#include "store/registry_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store/registry_source.h"
#include "store/test_util.h"

namespace jianmei::store {
namespace {

using ::testing::HasSubstr;
using registry::Doctor;
using registry::Institution;
using registry::RecordStatus;

Institution Clinic(std::string licence, std::string name) {
  Institution i;
  i.licence = std::move(licence);
  i.name = std::move(name);
  i.type = "医疗美容诊所";
  i.city = "深圳市";
  i.departments = {"医疗美容科"};
  i.valid_from = {"2021-03-01"};
  i.valid_until = {"2026-02-28"};
  return i;
}

const text::Normalizer& Fold() {
  static std::shared_ptr<const text::Normalizer> n = *text::Normalizer::Create();
  return *n;
}

std::unique_ptr<Db> OpenMigrated(const TempDir& dir) {
  auto db = Db::Open(DatabasePath(dir.path()));
  EXPECT_TRUE(db.ok());
  Status s = MigrateRegistrySchema(db->get());
  EXPECT_TRUE(s.ok()) << s.ToString();
  return std::move(*db);
}

TEST(RegistryStore, SavesLoadsAndUpdatesByLicence) {
  TempDir dir;
  {
    auto db = Db::Open(DatabasePath(dir.path()));
    ASSERT_TRUE(db.ok());
    auto has = HasRegistryTables(db->get());
    ASSERT_TRUE(has.ok());
    EXPECT_FALSE(*has);
  }
  auto db = OpenMigrated(dir);
  EXPECT_TRUE(*HasRegistryTables(db.get()));
  Institution a = Clinic("备44030520230001", "深圳晨曦医疗美容诊所");
  Institution b = Clinic("备44030520230002", "深圳暮云医疗美容诊所");
  b.aliases = {"暮云医美"};
  Doctor d{"110440300012345", "林知远", a.licence, {{"美容外科", 2015}}, RecordStatus::kValid};
  auto first = SaveRegistry(db.get(), Fold(), {a, b}, {d});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->institutions_added, 2u);
  EXPECT_EQ(first->institutions_updated, 0u);
  EXPECT_EQ(first->doctors_added, 1u);

  // Re-import: a changes status, c is new; a keeps its place and is not duplicated.
  a.status = RecordStatus::kRevoked;
  a.projects = {"重睑成形术"};
  Institution c = Clinic("备44030520230003", "深圳星河医疗美容诊所");
  d.specialties.push_back({"美容皮肤科", 2020});
  auto second = SaveRegistry(db.get(), Fold(), {a, c}, {d});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->institutions_added, 1u);
  EXPECT_EQ(second->institutions_updated, 1u);
  EXPECT_EQ(second->doctors_updated, 1u);

  auto loaded = LoadRegistry(db.get());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->institutions.size(), 3u);
  EXPECT_EQ(loaded->institutions[0], a);
  EXPECT_EQ(loaded->institutions[1], b);
  EXPECT_EQ(loaded->institutions[2], c);
  ASSERT_EQ(loaded->doctors.size(), 1u);
  EXPECT_EQ(loaded->doctors[0], d);
  auto licences = InstitutionLicences(db.get());
  ASSERT_TRUE(licences.ok());
  EXPECT_EQ(licences->size(), 3u);
  EXPECT_TRUE(licences->count(c.licence));
}

TEST(RegistryStore, AFailedImportSavesNothing) {
  TempDir dir;
  auto db = OpenMigrated(dir);
  Institution a = Clinic("备44030520230001", "深圳晨曦医疗美容诊所");
  Doctor orphan{"110440300012345", "林知远", "备44030520239999", {}, RecordStatus::kValid};
  auto r = SaveRegistry(db.get(), Fold(), {a}, {orphan});
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("110440300012345"));
  auto loaded = LoadRegistry(db.get());
  ASSERT_TRUE(loaded.ok());
  EXPECT_TRUE(loaded->institutions.empty());  // rolled back with the doctor
  EXPECT_TRUE(loaded->doctors.empty());
}

TEST(RegistryStore, AStoredRowThatDoesNotCheckIsCorruption) {
  TempDir dir;
  auto db = OpenMigrated(dir);
  ASSERT_TRUE(SaveRegistry(db.get(), Fold(), {Clinic("备44030520230001", "深圳晨曦医疗美容诊所")}, {}).ok());
  ASSERT_TRUE(db->Exec("UPDATE registry_institutions SET valid_from = '2021-02-30'").ok());
  auto loaded = LoadRegistry(db.get());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), Status::Code::kCorruption);
  EXPECT_THAT(loaded.status().message(), HasSubstr("备44030520230001"));
  EXPECT_THAT(loaded.status().message(), HasSubstr("bad date"));
}

// Look-ups are indexed queries over the stored keys: by licence, folded name or alias, name core,
// search text; doctors by institution; the cores for the name matcher.
TEST(RegistrySource, AnswersEachLookUpFromTheTables) {
  TempDir dir;
  auto db = OpenMigrated(dir);
  Institution a = Clinic("备44030520230001", "深圳晨曦医疗美容诊所");
  Institution b = Clinic("备44030520230002", "深圳市晨曦医疗美容门诊部有限公司");
  b.type = "医疗美容门诊部";
  b.licence = "PDY00001X440305170P122";
  b.aliases = {"晨曦醫美"};  // traditional: found by its simplified form too
  Doctor d{"110440300012345", "林知远", b.licence, {{"美容外科", 2015}}, RecordStatus::kValid};
  ASSERT_TRUE(SaveRegistry(db.get(), Fold(), {a, b}, {d}).ok());
  auto source = SqliteRecordSource::Open(DatabasePath(dir.path()));
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  const auto& s = **source;
  EXPECT_EQ(**s.InstitutionByLicence(a.licence), a);
  EXPECT_FALSE(s.InstitutionByLicence("备44030520239999")->has_value());
  auto by_alias = s.InstitutionsByName(Fold().Fold("晨曦医美"));
  ASSERT_TRUE(by_alias.ok());
  ASSERT_EQ(by_alias->size(), 1u);
  EXPECT_EQ((*by_alias)[0].licence, b.licence);
  EXPECT_EQ(*s.LicencesByCore("晨曦"), (std::vector<std::string>{a.licence, b.licence}));
  EXPECT_EQ(s.Search(Fold().Fold("pdy00001"), 10)->size(), 1u);
  EXPECT_EQ(s.Search(Fold().Fold("晨曦"), 1)->size(), 1u);
  EXPECT_EQ(*s.DoctorsAt(b.licence), std::vector<Doctor>{d});
  EXPECT_EQ(*s.InstitutionCount(), 2u);
  std::vector<std::string> cores;
  ASSERT_TRUE(s.ForEachCore([&](std::string_view k) { cores.emplace_back(k); }).ok());
  EXPECT_EQ(cores, (std::vector<std::string>{"晨曦", "晨曦医美"}));
  EXPECT_EQ(*s.CoresStartingWith("晨曦", 10), std::vector<std::string>{"晨曦医美"});
  EXPECT_TRUE(s.CoresStartingWith("晨曦医美", 10)->empty());
  EXPECT_TRUE(s.CoresStartingWith("晨曦", 0)->empty());
}

// An update by licence replaces the institution's keys: its old name no longer finds it.
TEST(RegistrySource, AnUpdateReplacesTheKeysAndChangesTheContentVersion) {
  TempDir dir;
  auto db = OpenMigrated(dir);
  EXPECT_EQ(*RegistryContentVersion(db.get()), "");
  ASSERT_TRUE(SaveRegistry(db.get(), Fold(), {Clinic("备44030520230001", "深圳晨曦医疗美容诊所")}, {}).ok());
  const std::string first = *RegistryContentVersion(db.get());
  EXPECT_FALSE(first.empty());
  ASSERT_TRUE(SaveRegistry(db.get(), Fold(), {Clinic("备44030520230001", "深圳暮云医疗美容诊所")}, {}).ok());
  EXPECT_NE(*RegistryContentVersion(db.get()), first);
  auto source = SqliteRecordSource::Open(DatabasePath(dir.path()));
  ASSERT_TRUE(source.ok());
  EXPECT_TRUE((*source)->LicencesByCore("晨曦")->empty());
  EXPECT_EQ((*source)->LicencesByCore("暮云")->size(), 1u);
  EXPECT_TRUE((*source)->InstitutionsByName("深圳晨曦医疗美容诊所")->empty());
}

// A registry stored before keys were (or by another key version) gets them when next opened for
// writing, with a new content version.
TEST(RegistrySource, KeysOfAnotherVersionAreRecomputed) {
  TempDir dir;
  auto db = OpenMigrated(dir);
  ASSERT_TRUE(SaveRegistry(db.get(), Fold(), {Clinic("备44030520230001", "深圳晨曦医疗美容诊所"),
                                              Clinic("备44030520230002", "深圳暮云医疗美容诊所")}, {}).ok());
  const std::string before = *RegistryContentVersion(db.get());
  ASSERT_TRUE(db->Exec("DELETE FROM registry_names; UPDATE registry_institutions SET search_key = '';"
                       "UPDATE registry_meta SET value = '0' WHERE name = 'keys_version'").ok());
  // A row that no longer checks gets no keys and stops nothing.
  ASSERT_TRUE(db->Exec("UPDATE registry_institutions SET valid_from = '2021-02-30' "
                       "WHERE licence = '备44030520230002'").ok());
  Status updated = UpdateRegistryKeys(db.get(), Fold());
  ASSERT_TRUE(updated.ok()) << updated.ToString();
  EXPECT_NE(*RegistryContentVersion(db.get()), before);
  auto source = SqliteRecordSource::Open(DatabasePath(dir.path()));
  ASSERT_TRUE(source.ok());
  EXPECT_EQ((*source)->LicencesByCore("晨曦")->size(), 1u);
  EXPECT_EQ((*source)->Search("晨曦", 5)->size(), 1u);
  EXPECT_TRUE((*source)->LicencesByCore("暮云")->empty());
  // Current keys: nothing to do, the version stays.
  const std::string after = *RegistryContentVersion(db.get());
  ASSERT_TRUE(UpdateRegistryKeys(db.get(), Fold()).ok());
  EXPECT_EQ(*RegistryContentVersion(db.get()), after);
}

}  // namespace
}  // namespace jianmei::store
