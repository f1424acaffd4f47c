#include "registry/record_writer.h"

#include <gtest/gtest.h>

#include "registry/record_reader.h"

namespace jianmei::registry {
namespace {

TEST(RecordWriter, CsvRoundTripsThroughTheReader) {
  Institution a;
  a.licence = "PDY00001X440305170P122";
  a.name = "晨星, \"南山\"\n二部";  // comma, quotes and a line break need quoting
  a.type = "综合医院";
  a.level = 3;
  a.city = "深圳市";
  a.status = RecordStatus::kSuspended;
  a.valid_from = {"2020-02-29"};
  a.valid_until = {"2030-12-31"};
  a.departments = {"医疗美容科", "麻醉科"};
  a.projects = {"隆乳术"};
  a.aliases = {"晨星", "晨星医美"};
  Institution b;
  b.licence = "备44030520230001";
  b.name = "晨曦医疗美容诊所";
  b.type = "医疗美容诊所";
  std::string csv;
  for (const auto& fields : {kInstitutionColumns, InstitutionFields(a), InstitutionFields(b)}) {
    csv += CsvLine(fields) + "\n";
  }
  ParsedRegistry p = ReadRegistry(csv, FileFormat::kCsv);
  ASSERT_TRUE(p.errors.empty()) << FormatRowError(p.errors[0]);
  ASSERT_EQ(p.institutions.size(), 2u);
  EXPECT_EQ(p.institutions[0], a);
  EXPECT_EQ(p.institutions[1], b);

  Doctor d{"110440300012345", "林知远", a.licence, {{"美容外科", 2015}, {"美容皮肤科", 2019}}, RecordStatus::kRevoked};
  auto back = DoctorFromFields(DoctorFields(d));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, d);
  EXPECT_FALSE(InstitutionFromFields({"x"}).ok());
}

}  // namespace
}  // namespace jianmei::registry
