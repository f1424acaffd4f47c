#include "match/vectorscan_runtime.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace jianmei::match {
namespace {

using Matches = std::set<std::tuple<unsigned, unsigned long long, unsigned long long>>;

int Collect(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* ctx) {
  static_cast<Matches*>(ctx)->insert({id, from, to});
  return 0;
}

// What is scanned is the text alone: the same text followed by other bytes in memory yields the
// same matches. On a CPU with AVX-512, hs_scan's own runtime (Debian 12's Vectorscan 5.4.9) fails
// this for 7 of these 2,000 texts, in each of six runs (vectorscan_runtime.h).
TEST(VectorscanRuntime, MatchesDependOnlyOnTheScannedBytes) {
  const std::vector<const char*> expressions = {"a.{0,3}b", "被.{0,8}圈粉", R"(\d+(\.\d+)?元)"};
  const std::vector<unsigned> flags(expressions.size(), HS_FLAG_UTF8 | HS_FLAG_SOM_LEFTMOST);
  const std::vector<unsigned> ids = {0, 1, 2};
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  ASSERT_EQ(hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                             static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK,
                             Runtime().platform, &db, &err),
            HS_SUCCESS);
  hs_scratch_t* scratch = nullptr;
  ASSERT_EQ(hs_alloc_scratch(db, &scratch), HS_SUCCESS);

  const std::vector<std::string> alphabet = {"被", "圈", "粉", "久", "元", "1", "2",
                                             ".",  "a",  "b",  "x",  " ",  "¥"};
  std::mt19937 rng(20261125);
  size_t differing = 0, matched = 0;
  for (int k = 0; k < 2000; ++k) {
    std::string text;
    const int n = static_cast<int>(rng() % 80);
    for (int i = 0; i < n; ++i) text += alphabet[rng() % alphabet.size()];
    // After the text: zero bytes, or the text again and bytes that would complete a match.
    const std::string zeros = text + std::string(64, '\0');
    const std::string more = text + text + std::string(64, 'b');
    Matches a, b;
    const auto size = static_cast<unsigned>(text.size());
    ASSERT_EQ(Runtime().scan(db, zeros.data(), size, 0, scratch, Collect, &a), HS_SUCCESS);
    ASSERT_EQ(Runtime().scan(db, more.data(), size, 0, scratch, Collect, &b), HS_SUCCESS);
    differing += a != b;
    matched += !a.empty();
  }
  EXPECT_EQ(differing, 0u) << "runtime " << Runtime().name;
  EXPECT_GT(matched, 500u);  // the texts do exercise the expressions
  hs_free_scratch(scratch);
  hs_free_database(db);
}

}  // namespace
}  // namespace jianmei::match
