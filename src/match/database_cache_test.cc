#include "match/database_cache.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstring>
#include <fstream>

#include "core/temp_dir.h"

namespace jianmei::match {
namespace {

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// A cache file whose first length field says 2 GiB while 100 bytes follow is refused without
// allocating the 2 GiB (a load used to zero-fill them: 2.1 GB RSS and seconds before rebuilding).
TEST(DatabaseCache, ADamagedLengthIsRefusedWithoutAllocatingIt) {
  TempDir dir;
  const std::string path = CachePath(dir.path(), 1);
  {
    std::ofstream out(path, std::ios::binary);
    out.write("JMHSDB3\n", 8);  // kCacheMagic: the test fails without the length check
    const uint64_t n = 1ull << 31;
    char bytes[sizeof n];
    std::memcpy(bytes, &n, sizeof n);
    out.write(bytes, sizeof bytes);
    out << std::string(100, 'x');
  }
  const long before = PeakRssKb();
  Databases dbs;
  EXPECT_FALSE(LoadCache(path, 0, &dbs));
  EXPECT_EQ(dbs.folded, nullptr);
  EXPECT_LT(PeakRssKb() - before, 256 * 1024) << "kB of peak RSS added by the load";
}

}  // namespace
}  // namespace jianmei::match
