#include "evidence/entry.h"

#include <gtest/gtest.h>

namespace jianmei::evidence {
namespace {

Entry Sample() {
  Entry e;
  e.recorded_at = "2025-03-01T10:00:00+08:00";
  e.url = "https://example.com/p/1";
  e.author = "某医美机构";
  e.platform = "xiaohongshu";
  e.posted_at = "2025-02-28T09:00:00+08:00";
  e.text = "小腿神经阻断术，永久瘦腿，零风险";
  e.attachments.push_back({Sha256("jpeg bytes"), 10, "image/jpeg", "shot.jpg"});
  return e;
}

TEST(EntryTest, EncodingIsTheDocumentedLayout) {
  Entry e;
  e.kind = EntryKind::kComplaint;
  e.text = "ab";
  auto bytes = EncodeEntry(e);
  ASSERT_TRUE(bytes.ok());
  std::string want("JMEV\x01\x02", 6);
  for (int i = 0; i < 5; ++i) want += std::string(4, '\0');  // recorded_at .. posted_at
  want += std::string("\0\0\0\x02" "ab", 6);                  // text
  want += std::string(4, '\0');                               // body
  want += std::string(4, '\0');                               // no attachments
  EXPECT_EQ(*bytes, want);
}

TEST(EntryTest, RoundTrips) {
  Entry e = Sample();
  auto bytes = EncodeEntry(e);
  ASSERT_TRUE(bytes.ok());
  auto back = DecodeEntry(*bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, e);
}

TEST(EntryTest, EveryTruncationIsRejectedWithAPlace) {
  std::string bytes = *EncodeEntry(Sample());
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto r = DecodeEntry(bytes.substr(0, n));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_FALSE(r.status().message().empty());
  }
  auto r = DecodeEntry(bytes + "x");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("trailing"), std::string::npos);
}

TEST(EntryTest, RejectsBadUtf8BadMagicAndKind) {
  Entry e = Sample();
  e.author = "\xff";
  EXPECT_FALSE(EncodeEntry(e).ok());
  std::string bytes = *EncodeEntry(Sample());
  std::string b = bytes;
  b[0] = 'X';
  EXPECT_FALSE(DecodeEntry(b).ok());
  b = bytes;
  b[5] = 7;
  EXPECT_FALSE(DecodeEntry(b).ok());
  b = bytes;
  b[4] = 2;
  EXPECT_FALSE(DecodeEntry(b).ok());
  // A huge length prefix is refused without allocating it.
  b = bytes;
  b[6] = '\x7f';
  EXPECT_FALSE(DecodeEntry(b).ok());
}

}  // namespace
}  // namespace jianmei::evidence
