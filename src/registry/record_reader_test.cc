#include "registry/record_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace jianmei::registry {
namespace {

using ::testing::HasSubstr;

constexpr char kHeader[] =
    "licence,name,type,level,city,status,valid_from,valid_until,departments,projects,aliases\n";
// Fictional: 22-character 登记号 with a 6-digit area code at positions 10–15.
constexpr char kGood[] =
    "PDY00001X440305170P122,深圳市晨星医疗美容门诊部,医疗美容门诊部,,深圳市,valid,2020-01-01,2030-12-31,"
    "医疗美容科;美容外科,重睑成形术,晨星医美\n";

ParsedRegistry Csv(const std::string& body) { return ReadRegistry(kHeader + body, FileFormat::kCsv); }

void ExpectOneError(const ParsedRegistry& p, int line, const std::string& column, const std::string& reason) {
  ASSERT_EQ(p.errors.size(), 1u) << (p.errors.empty() ? "" : FormatRowError(p.errors[0]));
  EXPECT_EQ(p.errors[0].line, line);
  EXPECT_EQ(p.errors[0].column, column);
  EXPECT_THAT(p.errors[0].reason, HasSubstr(reason));
}

TEST(RecordReader, ReadsAGoodInstitution) {
  ParsedRegistry p = Csv(kGood);
  ASSERT_TRUE(p.errors.empty()) << FormatRowError(p.errors[0]);
  ASSERT_EQ(p.institutions.size(), 1u);
  const Institution& i = p.institutions[0];
  EXPECT_EQ(i.licence, "PDY00001X440305170P122");
  EXPECT_EQ(i.type, "医疗美容门诊部");
  EXPECT_EQ(i.level, 0);
  EXPECT_EQ(i.valid_until.iso, "2030-12-31");
  EXPECT_EQ(i.departments, (std::vector<std::string>{"医疗美容科", "美容外科"}));
  EXPECT_EQ(i.aliases, (std::vector<std::string>{"晨星医美"}));
  EXPECT_EQ(p.institution_lines, (std::vector<int>{2}));
}

TEST(RecordReader, BadLicenceFormat) {
  ExpectOneError(Csv("PDY-1,某诊所,医疗美容诊所,,北京市,valid,,,医疗美容科,,\n"), 2, "licence",
                 "bad licence format \"PDY-1\"");
  // A 备案凭证 number is for a 诊所 only.
  ExpectOneError(Csv("备11010520230001,某医院,美容医院,,北京市,valid,,,,,\n"), 2, "licence",
                 "only a 医疗美容诊所 or 诊所 may hold a 诊所备案凭证");
  // A beauty salon is known by its 统一社会信用代码 (18 characters, no I O S V Z).
  ExpectOneError(Csv("91440300MA5XXXXXXS,某美容院,生活美容院,,深圳市,valid,,,,,\n"), 2, "licence",
                 "统一社会信用代码");
}

// The general 诊所 and 门诊部 are types of their own (the catalog's grade rules name them with
// their departments); a 诊所 may hold a 备案凭证 like a 医疗美容诊所.
TEST(RecordReader, GeneralClinicAndOutpatientDepartmentAreTypes) {
  ParsedRegistry p =
      Csv("备11010520230002,某某诊所,诊所,,北京市,valid,2023-01-01,2030-12-31,医疗美容科,,\n"
          "PDY00002X440305170P122,某某综合门诊部,门诊部,,深圳市,valid,2020-01-01,2030-12-31,"
          "医疗美容科;麻醉科,,\n");
  ASSERT_TRUE(p.errors.empty()) << FormatRowError(p.errors[0]);
  ASSERT_EQ(p.institutions.size(), 2u);
  EXPECT_EQ(p.institutions[0].type, "诊所");
  EXPECT_EQ(p.institutions[1].type, "门诊部");
}

TEST(RecordReader, UnknownType) {
  ExpectOneError(Csv("PDY00001X440305170P122,某机构,美容诊所,,深圳市,valid,,,,,\n"), 2, "type",
                 "unknown institution type \"美容诊所\"");
}

TEST(RecordReader, MissingColumn) {
  ParsedRegistry p = ReadRegistry("licence,name,status\nX,Y,valid\n", FileFormat::kCsv);
  ExpectOneError(p, 1, "type", "missing column");
  ParsedRegistry j = ReadRegistry(R"({"licence":"PDY00001X440305170P122","name":"某","status":"valid"})",
                                  FileFormat::kJsonLines);
  ExpectOneError(j, 1, "type", "missing column");
}

TEST(RecordReader, BadDate) {
  ExpectOneError(Csv("PDY00001X440305170P122,某,美容医院,,深圳市,valid,2023-02-29,,,,\n"), 2,
                 "valid_from", "bad date \"2023-02-29\"");
  ExpectOneError(Csv("PDY00001X440305170P122,某,美容医院,,深圳市,valid,2024-02-29,2024-01-01,,,\n"), 2,
                 "valid_until", "is before valid_from");
}

TEST(RecordReader, DuplicateLicence) {
  ExpectOneError(Csv(std::string(kGood) + kGood), 3, "licence", "duplicate licence PDY00001X440305170P122 (first on line 2)");
}

TEST(RecordReader, WrongEncoding) {
  // "某诊所" in GBK.
  ExpectOneError(Csv("PDY00001X440305170P122,\xC4\xB3\xD5\xEF\xCB\xF9,美容医院,,深圳市,valid,,,,,\n"), 2,
                 "name", "not valid UTF-8");
  ParsedRegistry j = ReadRegistry("{\"licence\":\"\xC4\xB3\xD5\xEF\xCB\xF9\"}\n", FileFormat::kJsonLines);
  ExpectOneError(j, 1, "", "not valid UTF-8");
}

// Registered projects must be names the knowledge base resolves (doc/registry.md); the reader
// asks the caller, which knows the knowledge base.
TEST(RecordReader, UnknownProject) {
  auto known = [](std::string_view name) { return name == "重睑成形术"; };
  ParsedRegistry p = ReadRegistry(std::string(kHeader) + kGood, FileFormat::kCsv, {}, known);
  EXPECT_TRUE(p.errors.empty()) << FormatRowError(p.errors[0]);
  ExpectOneError(
      ReadRegistry(std::string(kHeader) +
                       "PDY00001X440305170P122,某门诊部,医疗美容门诊部,,深圳市,valid,,,医疗美容科,"
                       "重睑成形术;注射美容,\n",
                   FileFormat::kCsv, {}, known),
      2, "projects", "unknown project \"注射美容\"");
  // Without the check (reading back what the store holds) any name is kept.
  EXPECT_TRUE(
      Csv("PDY00001X440305170P122,某门诊部,医疗美容门诊部,,深圳市,valid,,,医疗美容科,注射美容,\n")
          .errors.empty());
}

TEST(RecordReader, OtherRowProblems) {
  ExpectOneError(Csv("PDY00001X440305170P122,某,美容医院,,深圳市,closed,,,,,\n"), 2, "status", "unknown status");
  ExpectOneError(Csv("PDY00001X440305170P122,某,综合医院,四级,深圳市,valid,,,,,\n"), 2, "level", "bad level");
  ExpectOneError(Csv("PDY00001X440305170P122,某,综合医院,三级,深圳市,valid,,,眼科,,\n"), 2, "departments",
                 "unknown department \"眼科\"");
  ExpectOneError(Csv("PDY00001X440305170P122,某,综合医院\n"), 2, "", "row has 3 fields but the header has 11");
  ExpectOneError(ReadRegistry("licence,name,type,status,colour\n", FileFormat::kCsv), 1, "colour", "unknown column");
}

TEST(RecordReader, ReportsEveryBadRowAndKeepsTheGoodOnes) {
  ParsedRegistry p = Csv(std::string("PDY-1,某,美容医院,,深圳市,valid,,,,,\n") + kGood +
                         "PDY00002X440305170P122,某,美容诊所,,深圳市,valid,,,,,\n");
  ASSERT_EQ(p.errors.size(), 2u);
  EXPECT_EQ(p.errors[0].line, 2);
  EXPECT_EQ(p.errors[1].line, 4);
  EXPECT_EQ(p.errors[1].raw, "PDY00002X440305170P122,某,美容诊所,,深圳市,valid,,,,,");
  EXPECT_EQ(p.institutions.size(), 1u);
}

TEST(RecordReader, QuotedFieldsFollowRfc4180) {
  ParsedRegistry p = Csv(
      "PDY00001X440305170P122,\"晨星, \"\"南山\"\"\n二部\",美容医院,,深圳市,valid,,,,,\n"
      "PDY00002X440305170P122, 前后有空格 ,美容医院,,深圳市,valid,,,,,\r\n"
      "\n"
      "PDY00003X440305170P122,X,美容诊所,,深圳市,valid,,,,,\n");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.institutions[0].name, "晨星, \"南山\"\n二部");
  EXPECT_EQ(p.institutions[1].name, " 前后有空格 ");
  // Lines count the line break inside the quoted field and the blank line.
  EXPECT_EQ(p.institution_lines, (std::vector<int>{2, 4}));
  EXPECT_EQ(p.errors[0].line, 6);
}

TEST(RecordReader, CsvSyntaxErrorsSayWhere) {
  ParsedRegistry stray = Csv("PDY00001X440305170P122,晨\"星,美容医院,,深圳市,valid,,,,,\n");
  ExpectOneError(stray, 2, "", "CSV syntax");
  ParsedRegistry open = Csv(std::string(kGood) + "PDY00002X440305170P122,\"晨星,美容医院\n");
  ExpectOneError(open, 3, "", "not closed");
}

TEST(RecordReader, JsonLinesAcceptArraysAndIntegers) {
  ParsedRegistry p = ReadRegistry(
      R"({"licence":"PDY00001X440305170P122","name":"某医院","type":"综合医院","level":3,"status":"valid","departments":["医疗美容科","麻醉科"]})"
      "\n\n"
      R"({"doctor_licence":"110440300012345","name":"林某","institution_licence":"PDY00001X440305170P122","specialties":["美容外科:2016"],"status":"valid"})"
      "\nnot json\n",
      FileFormat::kJsonLines);
  ExpectOneError(p, 4, "", "not JSON: syntax error at byte 1");
  ASSERT_EQ(p.institutions.size(), 1u);
  EXPECT_EQ(p.institutions[0].level, 3);
  EXPECT_EQ(p.institutions[0].departments.size(), 2u);
  ASSERT_EQ(p.doctors.size(), 1u);
  EXPECT_EQ(p.doctors[0].specialties, (std::vector<Specialty>{{"美容外科", 2016}}));
  EXPECT_EQ(p.doctor_lines, (std::vector<int>{3}));
}

// As everywhere JSON is read (core/json_reader.h): a key given twice is refused whatever the
// order of its values, and a NUL byte is an error, not the end of the line.
TEST(RecordReader, JsonLinesRefuseAKeyGivenTwiceAndNulBytes) {
  const std::string good =
      R"({"licence":"PDY00001X440305170P122","name":"某医院","type":"综合医院","level":3,"status":"valid"})";
  ExpectOneError(ReadRegistry(R"({"name":"甲","licence":"PDY00001X440305170P122","name":"某医院","type":"综合医院","level":3,"status":"valid"})",
                              FileFormat::kJsonLines),
                 1, "", "name: key given twice at byte 49");
  ExpectOneError(ReadRegistry(R"({"level":"x","licence":"PDY00001X440305170P122","name":"某医院","type":"综合医院","level":3,"status":"valid"})",
                              FileFormat::kJsonLines),
                 1, "", "level: key given twice");
  ExpectOneError(ReadRegistry(good + std::string("\0{{{", 4), FileFormat::kJsonLines), 1, "",
                 "NUL byte at byte " + std::to_string(good.size()));
}

// doc/registry.md §Problems that stop a file, and problems of one row: a wrong field count is a
// problem of its row (the strict CSV syntax ends the record where it ends), an empty file is a
// problem of the file, a control character inside a value is a problem of its row; the same
// for CSV and JSON Lines.
TEST(RecordReader, AWrongFieldCountIsABadRowNotABadFile) {
  ParsedRegistry p = Csv(std::string("PDY00009X440305170P122,某,综合医院\n") + kGood);
  ExpectOneError(p, 2, "", "row has 3 fields but the header has 11");
  EXPECT_FALSE(HasFatalError(p));
  EXPECT_EQ(p.institutions.size(), 1u);
  EXPECT_EQ(p.errors[0].raw, "PDY00009X440305170P122,某,综合医院");
}

TEST(RecordReader, AnEmptyFileIsABadFile) {
  for (const char* data : {"", "\xEF\xBB\xBF", "\n\r\n\n", "  \n\t\n"}) {
    if (data[0] != ' ') {  // spaces are a CSV field (RFC 4180), so that one is a bad header
      ParsedRegistry csv = ReadRegistry(data, FileFormat::kCsv);
      ExpectOneError(csv, 1, "", "empty file: no header line");
      EXPECT_TRUE(HasFatalError(csv)) << "CSV " << testing::PrintToString(data);
    }
    ParsedRegistry jsonl = ReadRegistry(data, FileFormat::kJsonLines);
    ExpectOneError(jsonl, 1, "", "empty file: no JSON object");
    EXPECT_TRUE(HasFatalError(jsonl)) << "JSON Lines " << testing::PrintToString(data);
  }
  // A header without rows is no error: there is nothing to import.
  ParsedRegistry header_only = ReadRegistry(kHeader, FileFormat::kCsv);
  EXPECT_TRUE(header_only.errors.empty());
}

TEST(RecordReader, AControlCharacterInAValueIsABadRow) {
  const std::string nul("\0", 1);
  ParsedRegistry p = Csv("PDY00009X440305170P122,某" + nul + "医院,美容医院,,深圳市,valid,,,,,\n" + kGood);
  ExpectOneError(p, 2, "name", "control character U+0000 at byte 3 of the field");
  EXPECT_FALSE(HasFatalError(p));
  EXPECT_EQ(p.institutions.size(), 1u);
  ExpectOneError(Csv("PDY00009X440305170P122,某医院,美容医院,,深圳\x1b市,valid,,,,,\n"), 2, "city",
                 "control character U+001B at byte 6");
  ExpectOneError(Csv("PDY00009X440305170P122,某医院,美容医院,,深圳市,valid,,,,,\x7f\n"), 2, "aliases",
                 "control character U+007F at byte 0");
  // JSON Lines: an escaped control character reaches the value and is refused the same way.
  ExpectOneError(ReadRegistry(R"({"licence":"PDY00009X440305170P122","name":"某\u0000医院","type":"美容医院","status":"valid"})",
                              FileFormat::kJsonLines),
                 1, "name", "control character U+0000 at byte 3 of the field");
  // Tab, line feed and carriage return are text (a quoted CSV field may hold a line break).
  ParsedRegistry text = Csv("PDY00009X440305170P122,\"某\t医院\r\n二部\",美容医院,,深圳市,valid,,,,,\n");
  EXPECT_TRUE(text.errors.empty()) << FormatRowError(text.errors[0]);
}

TEST(RecordReader, Doctors) {
  const std::string header = "doctor_licence,name,institution_licence,specialties,status\n";
  ParsedRegistry p = ReadRegistry(header +
                                      "110440300012345,林某,PDY00001X440305170P122,美容外科:2016;美容皮肤科:2019,valid\n"
                                      "1104403,周某,PDY00001X440305170P122,,valid\n"
                                      "110440300012346,吴某,PDY00001X440305170P122,美容外科,valid\n"
                                      "110440300012347,郑某,PDY00001X440305170P122,皮肤科:2019,valid\n",
                                  FileFormat::kCsv);
  ASSERT_EQ(p.errors.size(), 3u);
  EXPECT_THAT(FormatRowError(p.errors[0]), HasSubstr("line 3, column doctor_licence: bad licence format"));
  EXPECT_THAT(p.errors[1].reason, HasSubstr("needs the year"));
  EXPECT_THAT(p.errors[2].reason, HasSubstr("unknown specialty"));
  ASSERT_EQ(p.doctors.size(), 1u);
  EXPECT_EQ(p.doctors[0].specialties.size(), 2u);
}

TEST(RecordReader, DoctorAtAnUnknownInstitution) {
  const std::string jsonl =
      R"({"licence":"PDY00001X440305170P122","name":"晨星医疗美容门诊部","type":"医疗美容门诊部","status":"valid"})" "\n"
      R"({"doctor_licence":"110440300012345","name":"林某","institution_licence":"PDY00001X440305170P122","status":"valid"})" "\n"
      R"({"doctor_licence":"110440300012346","name":"周某","institution_licence":"PDY00002X440305170P122","status":"valid"})" "\n"
      R"({"doctor_licence":"110440300012347","name":"吴某","institution_licence":"PDY00003X440305170P122","status":"valid"})" "\n";
  auto known = [](std::string_view licence) { return licence == "PDY00003X440305170P122"; };
  ParsedRegistry p = ReadRegistry(jsonl, FileFormat::kJsonLines, known);
  ExpectOneError(p, 3, "institution_licence", "no institution with licence PDY00002X440305170P122");
  EXPECT_EQ(p.doctors.size(), 2u);
  EXPECT_TRUE(ReadRegistry(jsonl, FileFormat::kJsonLines).errors.empty());  // no check asked for
}

// A rejected row counts for nothing: its doctors are at an unknown institution (not a foreign
// key failure when the good rows are written), and a corrected re-entry is no duplicate.
TEST(RecordReader, ARejectedRowIsNotSeen) {
  const std::string jsonl =
      R"({"licence":"PDY00001X440305170P122","name":"某医院","type":"综合医院","level":"四级","status":"valid"})"
      "\n"
      R"({"doctor_licence":"110440300012345","name":"林某","institution_licence":"PDY00001X440305170P122","status":"valid"})"
      "\n"
      R"({"licence":"PDY00001X440305170P122","name":"某医院","type":"综合医院","level":"三级","status":"valid"})"
      "\n";
  ParsedRegistry p =
      ReadRegistry(jsonl, FileFormat::kJsonLines, [](std::string_view) { return false; });
  ASSERT_EQ(p.errors.size(), 2u);
  EXPECT_EQ(p.errors[0].column, "level");
  EXPECT_EQ(p.errors[1].line, 2);
  EXPECT_THAT(p.errors[1].reason, HasSubstr("no institution with licence PDY00001X440305170P122"));
  ASSERT_EQ(p.institutions.size(), 1u);
  EXPECT_EQ(p.institutions[0].level, 3);
  EXPECT_EQ(p.institution_lines, (std::vector<int>{3}));
  EXPECT_TRUE(p.doctors.empty());
}

TEST(RecordReader, FormatByExtension) {
  EXPECT_EQ(FormatOf("a/b.jsonl"), FileFormat::kJsonLines);
  EXPECT_EQ(FormatOf("a/b.csv"), FileFormat::kCsv);
}

}  // namespace
}  // namespace jianmei::registry
