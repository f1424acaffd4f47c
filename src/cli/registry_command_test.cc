#include "cli/registry_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/qualify_command.h"
#include "cli/registry_home.h"
#include "registry/test_knowledge.h"
#include "store/migrations.h"
#include "store/registry_source.h"
#include "store/registry_store.h"
#include "store/test_util.h"

namespace jianmei::cli {
namespace {

using ::testing::HasSubstr;

std::string Demo(const char* name) { return std::string(JIANMEI_SOURCE_DIR) + "/samples/registry/" + name; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

struct CommandRun {
  int code;
  std::string out, err;
};

CommandRun Import(const std::string& home, const std::string& file, bool skip_bad = false,
                  const std::string& rejects = "") {
  std::ostringstream out, err;
  int code = RunRegistryImport({file, skip_bad, rejects, home}, out, err);
  return {code, out.str(), err.str()};
}

CommandRun Export(const std::string& home, bool doctors) {
  std::ostringstream out, err;
  int code = RunRegistryExport(home, doctors, out, err);
  return {code, out.str(), err.str()};
}

TEST(RegistryCommand, DemoRegistryImportsAndExportRoundTrips) {
  store::TempDir home;
  CommandRun inst = Import(home.path(), Demo("institutions.csv"));
  ASSERT_EQ(inst.code, kExitOk) << inst.err;
  EXPECT_THAT(inst.out, HasSubstr("institutions 13 added, 0 updated"));
  CommandRun docs = Import(home.path(), Demo("doctors.csv"));
  ASSERT_EQ(docs.code, kExitOk) << docs.err;
  EXPECT_THAT(docs.out, HasSubstr("doctors 8 added"));

  // Export, then import the export into a fresh home: exporting that gives the same bytes.
  CommandRun exported = Export(home.path(), false);
  CommandRun exported_doctors = Export(home.path(), true);
  ASSERT_EQ(exported.code, kExitOk) << exported.err;
  store::TempDir other;
  WriteFile(other.path() + "/i.csv", exported.out);
  WriteFile(other.path() + "/d.csv", exported_doctors.out);
  ASSERT_EQ(Import(other.path(), other.path() + "/i.csv").code, kExitOk);
  ASSERT_EQ(Import(other.path(), other.path() + "/d.csv").code, kExitOk);
  EXPECT_EQ(Export(other.path(), false).out, exported.out);
  EXPECT_EQ(Export(other.path(), true).out, exported_doctors.out);
  // The demo file's rows come back field for field (same columns, same order).
  EXPECT_EQ(exported.out, ReadFile(Demo("institutions.csv")));

  // Re-import updates by licence: no duplicates.
  CommandRun again = Import(home.path(), Demo("institutions.csv"));
  EXPECT_THAT(again.out, HasSubstr("institutions 0 added, 13 updated"));
  EXPECT_EQ(Export(home.path(), false).out, exported.out);
}

TEST(RegistryCommand, ABadRowImportsNothingUnlessSkipBad) {
  store::TempDir home;
  const std::string file = home.path() + "/in.csv";
  WriteFile(file,
            "licence,name,type,level,city,status,valid_from,valid_until,departments,projects,aliases\n"
            "备44030520260001,深圳眠松医疗美容诊所,医疗美容诊所,,深圳市,valid,,,,,\n"
            "备44030520260002,深圳闻笛医疗美容诊所,医疗美容诊所,,深圳市,valid,2022-02-30,,,,\n"
            "\"备4403052026,0003\",深圳某诊所,医疗美容诊所,,深圳市,valid,,,,,\n");
  CommandRun r = Import(home.path(), file);
  EXPECT_EQ(r.code, kExitInputErrors);
  EXPECT_THAT(r.err, HasSubstr("in.csv: line 3, column valid_from: bad date \"2022-02-30\""));
  EXPECT_THAT(r.err, HasSubstr("in.csv: line 4, column licence: bad licence format"));
  EXPECT_THAT(r.err, HasSubstr("2 bad row(s); nothing imported"));
  EXPECT_EQ(Export(home.path(), false).out.find("眠松"), std::string::npos);

  r = Import(home.path(), file, /*skip_bad=*/true);
  EXPECT_EQ(r.code, kExitInputErrors);
  EXPECT_THAT(r.out, HasSubstr("institutions 1 added"));
  const std::string rejects = ReadFile(home.path() + "/in.rejects.csv");
  EXPECT_EQ(rejects,
            "licence,name,type,level,city,status,valid_from,valid_until,departments,projects,aliases\n"
            "备44030520260002,深圳闻笛医疗美容诊所,医疗美容诊所,,深圳市,valid,2022-02-30,,,,\n"
            "\"备4403052026,0003\",深圳某诊所,医疗美容诊所,,深圳市,valid,,,,,\n");
  EXPECT_NE(Export(home.path(), false).out.find("眠松"), std::string::npos);
}

// Registered projects are checked against the knowledge base: the demo's are names it resolves;
// a category such as 注射美容 is a bad row naming the column and the value.
TEST(RegistryCommand, RegisteredProjectsMustBeNamesTheKnowledgeBaseResolves) {
  store::TempDir home;
  RegistryImportOptions o{Demo("institutions.csv"), false, "", home.path()};
  const kb::Knowledge* kb = registry::RepoKnowledge().get();
  std::ostringstream out, err;
  ASSERT_EQ(RunRegistryImport(o, out, err, kb), kExitOk) << err.str();

  o.file = home.path() + "/in.csv";
  WriteFile(
      o.file,
      "licence,name,type,level,city,status,valid_from,valid_until,departments,projects,aliases\n"
      "备44030520260009,深圳测试医疗美容诊所,医疗美容诊所,,深圳市,valid,,,医疗美容科,瘦脸针;"
      "注射美容,\n");
  std::ostringstream out2, err2;
  EXPECT_EQ(RunRegistryImport(o, out2, err2, kb), kExitInputErrors);
  EXPECT_THAT(err2.str(),
              HasSubstr("in.csv: line 2, column projects: unknown project \"注射美容\""));
  EXPECT_EQ(Export(home.path(), false).out.find("深圳测试医疗美容诊所"), std::string::npos);
}

// Each law shows its own certainty; the reason's own is on the reason's line.
TEST(QualifyCommand, EachLawShowsItsOwnCertainty) {
  const kb::Knowledge& kb = *registry::RepoKnowledge();
  registry::Qualification q;
  q.outcome = registry::Outcome::kNotAllowed;
  registry::Reason r{"grade", registry::Outcome::kNotAllowed, "grade-rule-2", "理由",
                     {},      kb::Certainty::kRecalled};
  for (const char* id : {"medinst-47", "catalog-2009"}) {
    const kb::Law* law = kb.FindLaw(id);
    ASSERT_NE(law, nullptr) << id;
    r.basis.push_back(law);
  }
  ASSERT_NE(r.basis[0]->prov.certainty, kb::Certainty::kRecalled)
      << "the premise: the law is surer than the reason";
  q.reasons.push_back(r);
  std::ostringstream out;
  PrintQualification(q, out);
  EXPECT_THAT(out.str(), HasSubstr("[grade] not_allowed: 理由 [recalled]"));
  for (const kb::Law* law : r.basis) {
    EXPECT_THAT(out.str(), HasSubstr("依据: " + law->cite + " [" +
                                     kb::CertaintyName(law->prov.certainty) + "]"));
  }
}

TEST(RegistryCommand, ADoctorNeedsAStoredInstitution) {
  store::TempDir home;
  CommandRun r = Import(home.path(), Demo("doctors.csv"), /*skip_bad=*/true, home.path() + "/rejects.csv");
  EXPECT_EQ(r.code, kExitInputErrors);
  EXPECT_THAT(r.err, HasSubstr("line 2, column institution_licence: no institution with licence PDY10001X440305170P122"));
  EXPECT_THAT(r.out, HasSubstr("doctors 0 added"));
  EXPECT_EQ(ReadFile(home.path() + "/rejects.csv"), ReadFile(Demo("doctors.csv")));  // all rejected
}

TEST(RegistryCommand, AHeaderProblemImportsNothingEvenWithSkipBad) {
  store::TempDir home;
  const std::string file = home.path() + "/in.csv";
  WriteFile(file, "licence,name,kind,status\n备44030520260001,深圳眠松医疗美容诊所,医疗美容诊所,valid\n");
  CommandRun r = Import(home.path(), file, /*skip_bad=*/true);
  EXPECT_EQ(r.code, kExitInputErrors);
  EXPECT_THAT(r.err, HasSubstr("line 1, column kind: unknown column"));
  EXPECT_THAT(r.err, HasSubstr("line 1, column type: missing column"));
  EXPECT_THAT(r.err, HasSubstr("nothing imported"));
}

// --rejects may not name the input (by the same path, another spelling of it, a hard link or a
// symbolic link) nor the database: writing the rejects there would destroy it. The refusal comes
// before anything is written, the database included.
TEST(RegistryCommand, TheRejectsFileMayNotBeTheInputOrTheDatabase) {
  store::TempDir home;
  const std::string file = home.path() + "/in.csv";
  const std::string text =
      "licence,name,type,level,city,status,valid_from,valid_until,departments,projects,aliases\n"
      "备44030520260001,深圳眠松医疗美容诊所,医疗美容诊所,,深圳市,valid,,,,,\n"
      "备44030520260002,深圳闻笛医疗美容诊所,医疗美容诊所,,深圳市,valid,2022-02-30,,,,\n";
  WriteFile(file, text);
  std::filesystem::create_hard_link(file, home.path() + "/hard.csv");
  std::filesystem::create_symlink(file, home.path() + "/soft.csv");
  const std::string db = home.path() + "/jianmei.db";
  for (const std::string& rejects : {file, home.path() + "/./in.csv", home.path() + "/hard.csv",
                                     home.path() + "/soft.csv", db}) {
    CommandRun r = Import(home.path(), file, /*skip_bad=*/true, rejects);
    EXPECT_EQ(r.code, kExitFailure) << rejects;
    EXPECT_THAT(r.err, HasSubstr("--rejects " + rejects)) << rejects;
    EXPECT_THAT(r.err, HasSubstr(rejects == db ? "is the registry database" : "is the input file"))
        << r.err;
    EXPECT_EQ(ReadFile(file), text) << rejects;
    EXPECT_FALSE(std::filesystem::exists(db)) << "nothing written before the refusal: " << rejects;
  }
  // The default rejects path is checked too: a hard link there is the input.
  std::filesystem::create_hard_link(file, home.path() + "/in.rejects.csv");
  CommandRun r = Import(home.path(), file, /*skip_bad=*/true);
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_THAT(r.err, HasSubstr("is the input file"));
  EXPECT_EQ(ReadFile(file), text);
  // Another file is fine.
  r = Import(home.path(), file, /*skip_bad=*/true, home.path() + "/bad.csv");
  EXPECT_EQ(r.code, kExitInputErrors) << r.err;
  EXPECT_THAT(r.out, HasSubstr("institutions 1 added"));
  EXPECT_EQ(ReadFile(file), text);
}

std::vector<registry::Institution> Stored(const std::string& home) {
  auto db = store::Db::Open(store::DatabasePath(home));
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  if (!db.ok()) return {};
  auto records = store::LoadRegistry(db->get());
  EXPECT_TRUE(records.ok()) << records.status().ToString();
  return records.ok() ? records->institutions : std::vector<registry::Institution>{};
}

// CSV formula injection (OWASP): an exported cell beginning with = + - @, a tab or a carriage
// return is prefixed with a single quote so that a spreadsheet shows it as text; import takes
// that quote off again, so export → import gives back the same names.
TEST(RegistryCommand, ExportNeutralisesFormulaCellsAndImportRoundTripsThem) {
  store::TempDir home;
  const std::string file = home.path() + "/in.csv";
  const std::vector<std::string> names = {
      "=HYPERLINK(\"http://example.invalid\",\"虚构\")", "+cmd|' /C calc'!A1", "-2+3", "@SUM(1)",
      "\t虚构诊所", "\r虚构诊所", "'=已有引号", "'虚构引号诊所", "虚构=诊所"};
  std::string csv =
      "licence,name,type,level,city,status,valid_from,valid_until,departments,projects,aliases\n";
  for (size_t k = 0; k < names.size(); ++k) {
    std::vector<std::string> fields = {"备4403052026000" + std::to_string(k + 1), names[k], "医疗美容诊所",
                                       "", "深圳市", "valid", "", "", "", "", k == 0 ? "=1+1;虚构" : ""};
    // Written as the export would (quoted where needed, formula cells neutralised).
    std::string line;
    for (size_t f = 0; f < fields.size(); ++f) {
      std::string cell = fields[f];
      const bool trigger = cell.find_first_not_of('\'') != std::string::npos &&
                           std::string("=+-@\t\r").find(cell[cell.find_first_not_of('\'')]) != std::string::npos;
      if (trigger) cell = "'" + cell;
      if (cell.find_first_of(",\"\r\n") != std::string::npos) {
        std::string quoted = "\"";
        for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        cell = quoted + "\"";
      }
      line += (f ? "," : "") + cell;
    }
    csv += line + "\n";
  }
  WriteFile(file, csv);
  CommandRun r = Import(home.path(), file);
  ASSERT_EQ(r.code, kExitOk) << r.err;
  std::vector<registry::Institution> stored = Stored(home.path());
  ASSERT_EQ(stored.size(), names.size());
  for (size_t k = 0; k < names.size(); ++k) EXPECT_EQ(stored[k].name, names[k]) << k;
  EXPECT_EQ(stored[0].aliases, (std::vector<std::string>{"=1+1", "虚构"}));

  CommandRun exported = Export(home.path(), false);
  ASSERT_EQ(exported.code, kExitOk) << exported.err;
  EXPECT_EQ(exported.out, csv) << "the export is what the file above says it should be";
  // No cell of the export begins with a character a spreadsheet would evaluate.
  for (std::string_view bad : {",=", ",+", ",-", ",@", ",\t", ",\r", ",\"=", ",\"+", ",\"-", ",\"@",
                                 ",\"\t", ",\"\r"}) {
    EXPECT_EQ(exported.out.find(bad), std::string::npos) << "a cell starts with " << bad.substr(1);
  }
  store::TempDir other;
  WriteFile(other.path() + "/export.csv", exported.out);
  ASSERT_EQ(Import(other.path(), other.path() + "/export.csv").code, kExitOk);
  EXPECT_EQ(Stored(other.path()), stored);
  EXPECT_EQ(Export(other.path(), false).out, exported.out);
}

// One rule in the CLI and over HTTP (doc/registry.md, *Which problems stop the file*): an empty
// file imports nothing even with --skip-bad; a row with the wrong number of fields and a value
// holding a control character are bad rows, skipped with --skip-bad and written to the rejects.
TEST(RegistryCommand, EmptyFilesFieldCountsAndControlCharactersFollowTheDocumentedRule) {
  store::TempDir home;
  for (const char* name : {"/empty.csv", "/empty.jsonl"}) {
    const std::string empty = home.path() + name;
    WriteFile(empty, "");
    CommandRun r = Import(home.path(), empty, /*skip_bad=*/true);
    EXPECT_EQ(r.code, kExitInputErrors) << r.err;
    EXPECT_THAT(r.err, HasSubstr(empty + ": line 1: empty file: no " +
                                 (std::string(name) == "/empty.csv" ? "header line" : "JSON object")));
    EXPECT_THAT(r.err, HasSubstr("nothing imported"));
  }
  const std::string file = home.path() + "/in.csv";
  const std::string header =
      "licence,name,type,level,city,status,valid_from,valid_until,departments,projects,aliases\n";
  const std::string good = "备44030520260001,深圳眠松医疗美容诊所,医疗美容诊所,,深圳市,valid,,,,,\n";
  const std::string short_row = "备44030520260002,深圳闻笛医疗美容诊所,医疗美容诊所\n";
  const std::string nul_row =
      std::string("备44030520260003,深圳某") + '\0' + "诊所,医疗美容诊所,,深圳市,valid,,,,,\n";
  WriteFile(file, header + good + short_row + nul_row);
  CommandRun r = Import(home.path(), file);
  EXPECT_EQ(r.code, kExitInputErrors);
  EXPECT_THAT(r.err, HasSubstr("in.csv: line 3: row has 3 fields but the header has 11"));
  EXPECT_THAT(r.err, HasSubstr("in.csv: line 4, column name: control character U+0000 at byte 9"));
  EXPECT_THAT(r.err, HasSubstr("2 bad row(s); nothing imported (fix them"));
  r = Import(home.path(), file, /*skip_bad=*/true);
  EXPECT_EQ(r.code, kExitInputErrors);
  EXPECT_THAT(r.out, HasSubstr("institutions 1 added"));
  EXPECT_EQ(ReadFile(home.path() + "/in.rejects.csv"), header + short_row + nul_row);
}

TEST(RegistryCommand, AnUnreadableFileIsAFailure) {
  store::TempDir home;
  CommandRun r = Import(home.path(), home.path() + "/absent.csv");
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_THAT(r.err, HasSubstr("cannot read"));
}

// Qualification asks the database for the one institution it needs: a stored row of another
// institution that no longer checks does not stop it (loading the whole registry, as before,
// failed on that row).
TEST(RegistryHome, QualifyReadsOnlyTheInstitutionItNeeds) {
  store::TempDir home;
  ASSERT_EQ(Import(home.path(), Demo("institutions.csv")).code, kExitOk);
  const std::string db_path = store::DatabasePath(home.path());
  {
    auto db = store::Db::Open(db_path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("UPDATE registry_institutions SET valid_from = '2021-02-30' "
                            "WHERE licence <> '备44030520260001'").ok());
  }
  auto dir = LoadRegistryDirectory(registry::RepoKnowledge(), db_path);
  ASSERT_TRUE(dir.ok()) << dir.status().ToString();
  ASSERT_TRUE(*dir);
  auto q = (*dir)->Qualify("眠松医美", "隆乳术", {"2026-06-01"});
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->outcome, registry::Outcome::kNotAllowed);
  // The bad rows themselves are reported, naming them, when they are read.
  CommandRun exported = Export(home.path(), false);
  EXPECT_EQ(exported.code, kExitFailure);
  EXPECT_THAT(exported.err, HasSubstr("bad date"));
}

// The name matcher is compiled once per registry version and cached beside the database: the
// next process loads it; an import makes a new version, whose first use compiles it again and
// removes the file of the old one.
TEST(RegistryHome, TheNameMatcherIsCachedByTheRegistryVersion) {
  store::TempDir home;
  ASSERT_EQ(Import(home.path(), Demo("institutions.csv")).code, kExitOk);
  const std::string db_path = store::DatabasePath(home.path());
  const std::string cache = store::RegistryCacheDir(db_path);
  auto source = store::SqliteRecordSource::Open(db_path);
  ASSERT_TRUE(source.ok());
  const auto& normalizer = registry::RepoKnowledge()->normalizer();
  auto first = registry::CachedNameMatcher(**source, normalizer, cache);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->built);
  EXPECT_TRUE(std::filesystem::exists(first->path));
  auto second = registry::CachedNameMatcher(**source, normalizer, cache);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->built);
  EXPECT_EQ(second->path, first->path);
  EXPECT_EQ(second->matcher->key_count(), first->matcher->key_count());

  ASSERT_EQ(Import(home.path(), Demo("doctors.csv")).code, kExitOk);
  auto third = registry::CachedNameMatcher(**source, normalizer, cache);
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->built);
  EXPECT_NE(third->path, first->path);
  EXPECT_FALSE(std::filesystem::exists(first->path));

  // A damaged cache file is rebuilt, not trusted.
  WriteFile(third->path, ReadFile(third->path).substr(0, 100));
  auto fourth = registry::CachedNameMatcher(**source, normalizer, cache);
  ASSERT_TRUE(fourth.ok());
  EXPECT_TRUE(fourth->built);
}

// Screening finds the names through the cached matcher: the same finding from a fresh process
// (here: a fresh directory) that loaded it as from the one that compiled it.
TEST(RegistryHome, ScreeningFindsNamesThroughTheCachedMatcher) {
  store::TempDir home;
  ASSERT_EQ(Import(home.path(), Demo("institutions.csv")).code, kExitOk);
  const std::string db_path = store::DatabasePath(home.path());
  for (int run = 0; run < 2; ++run) {
    auto dir = LoadRegistryDirectory(registry::RepoKnowledge(), db_path, /*names=*/true);
    ASSERT_TRUE(dir.ok()) << dir.status().ToString();
    auto scratch = (*dir)->NewNameScratch();
    ASSERT_TRUE(scratch.ok());
    std::vector<screen::InstitutionDirectory::NameHit> hits;
    const std::string folded = registry::RepoKnowledge()->normalizer().Fold("眠松医美隆乳术特惠");
    ASSERT_TRUE((*dir)->FindNames(folded, **scratch, &hits).ok());
    ASSERT_EQ(hits.size(), 1u) << "run " << run;
    EXPECT_EQ(hits[0].licences, std::vector<std::string>{"备44030520260001"});
  }
}

}  // namespace
}  // namespace jianmei::cli
