#include "registry/name_matcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "registry/test_knowledge.h"

namespace jianmei::registry {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Words() { return FoldedInstitutionWords(RepoKnowledge()->normalizer()); }

// "text[key]" for each match; `keys` complete the prefixes.
std::vector<std::string> Find(const NameMatcher& m, std::string_view folded,
                              const std::vector<std::string>& keys = {}) {
  auto scratch = m.NewScratch();
  EXPECT_TRUE(scratch.ok());
  std::vector<NameMatcher::Match> found;
  auto complete = [&](std::string_view prefix, std::vector<std::string>* out) {
    out->clear();
    for (const std::string& k : keys) {
      if (k.size() > prefix.size() && std::string_view(k).starts_with(prefix)) out->push_back(k);
    }
    return Status::Ok();
  };
  Status s = m.Find(folded, **scratch, complete, &found);
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::vector<std::string> out;
  for (const auto& f : found) {
    out.push_back(std::string(folded.substr(f.begin, f.end - f.begin)) + "[" +
                  std::string(folded.substr(f.begin, f.key_bytes)) + "]");
  }
  return out;
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("jianmei-name-matcher-" + std::to_string(::getpid()) + "-" + name)).string();
}

TEST(NameMatcher, ShortKeysNeedAnInstitutionWordLongOnesStandAlone) {
  auto m = NameMatcher::Compile({"晨星", "暮云山庄", "晨星医美"}, Words());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ((*m)->key_count(), 3u);
  EXPECT_THAT(Find(**m, "晨星好亮"), ElementsAre());
  EXPECT_THAT(Find(**m, "晨星医院和暮云山庄"), ElementsAre("晨星医院[晨星]", "暮云山庄[暮云山庄]"));
  // The longest word that follows: 医疗美容, not a shorter one.
  EXPECT_THAT(Find(**m, "晨星医疗美容"), ElementsAre("晨星医疗美容[晨星]"));
  // Over the same bytes the key that stands alone wins.
  EXPECT_THAT(Find(**m, "晨星医美"), ElementsAre("晨星医美[晨星医美]"));
  EXPECT_THAT(Find(**m, ""), ElementsAre());
}

// Only a key's first kPatternBytes bytes are compiled; where they match, the longer keys they
// begin are checked against the text.
TEST(NameMatcher, LongKeysAreFoundThroughTheirBeginning) {
  const std::vector<std::string> keys = {"高兴县老城镇大集村卫生室", "高兴县老城镇小集村卫生室", "高兴县老"};
  auto m = NameMatcher::Compile(keys, Words());
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)->key_count(), 3u);
  EXPECT_EQ((*m)->pattern_count(), 1u);  // 高兴县老, a key and the beginning of two more
  EXPECT_THAT(Find(**m, "去高兴县老城镇小集村卫生室看病", keys),
              ElementsAre("高兴县老城镇小集村卫生室[高兴县老城镇小集村卫生室]"));
  EXPECT_THAT(Find(**m, "高兴县老城镇", keys), ElementsAre("高兴县老[高兴县老]"));
  // Without the completions only the whole key is found.
  EXPECT_THAT(Find(**m, "高兴县老城镇小集村卫生室"), ElementsAre("高兴县老[高兴县老]"));
}

TEST(NameMatcher, AnEmptyRegistryMatchesNothing) {
  auto m = NameMatcher::Compile({}, Words());
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)->database_count(), 0u);
  EXPECT_THAT(Find(**m, "晨星医院"), ElementsAre());
}

TEST(NameMatcher, SavedAndLoadedItFindsTheSame) {
  auto m = NameMatcher::Compile({"晨星", "暮云山庄"}, Words());
  ASSERT_TRUE(m.ok());
  const std::string path = TempPath("roundtrip.hsdb");
  ASSERT_TRUE((*m)->Save(path).ok());
  auto loaded = NameMatcher::Load(path, Words());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->key_count(), 2u);
  EXPECT_EQ(Find(**loaded, "去晨星整形还是暮云山庄"), Find(**m, "去晨星整形还是暮云山庄"));
  EXPECT_THAT(Find(**loaded, "去晨星整形还是暮云山庄"), ElementsAre("晨星整形[晨星]", "暮云山庄[暮云山庄]"));

  // Truncated, foreign or missing: an error, never a matcher.
  std::stringstream whole;
  whole << std::ifstream(path, std::ios::binary).rdbuf();
  for (const std::string& bad : {whole.str().substr(0, whole.str().size() - 9), std::string("not a database")}) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bad;
    auto broken = NameMatcher::Load(path, Words());
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.status().code(), Status::Code::kCorruption);
  }
  std::filesystem::remove(path);
  EXPECT_EQ(NameMatcher::Load(path, Words()).status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace jianmei::registry
