#include "evidence/complaint_report_html.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace jianmei::evidence {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

ComplaintFiling Filing() {
  ComplaintFiling f;
  f.complaint_index = 2;
  f.complaint.procedure = "隆乳术";
  f.complaint.institution = "眠松<script>";
  f.complaint.narrative = "术后感染";
  f.respondent.as_named = f.complaint.institution;
  f.respondent.note = "不在登记信息中";
  f.qualification_note = "被投诉人未能对应到唯一的登记机构";
  f.verified.authenticated = true;
  f.verified.trust_basis = "pinned key";
  Entry capture;
  capture.text = "隆胸特惠";
  capture.attachments.push_back({Sha256("png bytes"), 9, "image/png", "截图.png"});
  capture.attachments.push_back({Sha256("<svg>"), 5, "image/svg+xml", "x.svg"});
  f.verified.entries.push_back({1, HashLeaf("e1"), capture});
  f.bundle.blobs[Sha256("png bytes")] = "png bytes";
  f.bundle.blobs[Sha256("<svg>")] = "<svg>";
  f.bundle.entries.push_back({1, "e1", {HashLeaf("a"), HashLeaf("b")}});
  return f;
}

TEST(ComplaintReport, FormatsYuanWithThousandsAndFen) {
  EXPECT_EQ(FormatYuan(1980000), "19,800.00 元");
  EXPECT_EQ(FormatYuan(5), "0.05 元");
  EXPECT_EQ(FormatYuan(123456789), "1,234,567.89 元");
  EXPECT_EQ(FormatYuan(100000), "1,000.00 元");
}

TEST(ComplaintReport, EscapesTextAndShowsOnlyImageAttachmentsAsImages) {
  const std::string html = RenderComplaintReport(Filing());
  EXPECT_THAT(html, Not(HasSubstr("眠松<script>")));
  EXPECT_THAT(html, HasSubstr("眠松&lt;script&gt;"));
  EXPECT_THAT(html, HasSubstr("src=\"data:image/png;base64," + Base64Encode("png bytes") + "\""));
  EXPECT_THAT(html, Not(HasSubstr("data:image/svg+xml")));
  EXPECT_THAT(html, HasSubstr(ToHex(HashLeaf("a")) + "\n" + ToHex(HashLeaf("b"))));
  EXPECT_THAT(html, HasSubstr("@page{size:A4"));
  EXPECT_THAT(html, Not(HasSubstr("未认证：未核实")));
}

TEST(ComplaintReport, SaysFirstWhenTheSignerIsNotAuthenticated) {
  ComplaintFiling f = Filing();
  f.verified.authenticated = false;
  f.verified.trust_basis = "no key pinned";
  const std::string html = RenderComplaintReport(f);
  const size_t warn = html.find("未认证：未核实证据日志签名者的身份（no key pinned）");
  ASSERT_NE(warn, std::string::npos);
  EXPECT_LT(warn, html.find("<h1>"));
}

TEST(ComplaintReport, AnUnresolvedRespondentSaysWhyAndNoQualificationIsClaimed) {
  const std::string html = RenderComplaintReport(Filing());
  EXPECT_THAT(html, HasSubstr("未能对应到唯一的登记机构：不在登记信息中"));
  EXPECT_THAT(html, HasSubstr("无法判断：被投诉人未能对应到唯一的登记机构"));
  EXPECT_THAT(html, HasSubstr("（未填写）"));  // no complainant given
}

}  // namespace
}  // namespace jianmei::evidence
