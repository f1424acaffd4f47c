#include "match/database_cache.h"

#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace jianmei::match {
namespace {

constexpr char kCacheMagic[8] = {'J', 'M', 'H', 'S', 'D', 'B', '3', '\n'};
constexpr const char* kPrefix = "lexicon-";
constexpr auto kUnusedFor = std::chrono::hours(24 * 30);

bool ReadBlob(std::istream& in, std::string* out) {
  uint64_t n = 0;
  if (!in.read(reinterpret_cast<char*>(&n), sizeof n)) return false;
  // A damaged length must not make a load allocate (and zero) more than the file still holds.
  const std::streampos here = in.tellg();
  in.seekg(0, std::ios::end);
  const std::streampos end = in.tellg();
  in.seekg(here);
  if (here < 0 || end < here || n > static_cast<uint64_t>(end - here)) return false;
  out->resize(n);
  return static_cast<bool>(in.read(out->data(), static_cast<std::streamsize>(n)));
}

// Reads one serialised database; an empty blob is no database.
bool ReadDatabase(std::istream& in, hs_database** db) {
  std::string blob;
  if (!ReadBlob(in, &blob)) return false;
  if (blob.empty()) return true;
  return hs_deserialize_database(blob.data(), blob.size(), db) == HS_SUCCESS;
}

bool AppendSerialized(hs_database* db, std::string* out) {
  uint64_t n = 0;
  char* bytes = nullptr;
  size_t len = 0;
  if (db && hs_serialize_database(db, &bytes, &len) != HS_SUCCESS) return false;
  n = len;
  out->append(reinterpret_cast<const char*>(&n), sizeof n);
  if (bytes) out->append(bytes, len);
  std::free(bytes);
  return true;
}

// Removes the cache files (and stale temporaries) nobody has loaded for kUnusedFor.
void RemoveUnusedFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto cutoff = fs::file_time_type::clock::now() - kUnusedFor;
  std::vector<fs::path> unused;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(kPrefix, 0) != 0 || name.find(".hsdb") == std::string::npos) continue;
    std::error_code time_ec;
    if (it->last_write_time(time_ec) < cutoff && !time_ec) unused.push_back(it->path());
  }
  for (const fs::path& p : unused) fs::remove(p, ec);
}

}  // namespace

void Databases::Free() {
  hs_free_database(folded);
  hs_free_database(pinyin);
  hs_free_database(pinyin_near_latin);
  for (hs_database* db : starts) hs_free_database(db);
  *this = {};
}

std::string CachePath(const std::string& dir, uint64_t key) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(key));
  return dir + "/" + kPrefix + hex + ".hsdb";
}

bool LoadCache(const std::string& path, size_t regexes, Databases* dbs) {
  std::ifstream in(path, std::ios::binary);
  char magic[sizeof kCacheMagic];
  if (!in.read(magic, sizeof magic) || !std::equal(magic, magic + sizeof magic, kCacheMagic)) {
    return false;
  }
  uint64_t count = 0;
  bool ok = ReadDatabase(in, &dbs->folded) && dbs->folded && ReadDatabase(in, &dbs->pinyin) &&
            ReadDatabase(in, &dbs->pinyin_near_latin) &&
            in.read(reinterpret_cast<char*>(&count), sizeof count) && count == regexes;
  for (size_t i = 0; ok && i < regexes; ++i) {
    uint32_t width = 0;
    dbs->starts.push_back(nullptr);
    ok = in.read(reinterpret_cast<char*>(&width), sizeof width) &&
         ReadDatabase(in, &dbs->starts.back()) && dbs->starts.back();
    dbs->start_widths.push_back(width);
  }
  if (!ok) {
    dbs->Free();
    return false;
  }
  std::error_code ec;  // the file was used: keep it
  std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now(), ec);
  return true;
}

void StoreCache(const std::string& dir, const std::string& path, const Databases& dbs) {
  std::string data(kCacheMagic, sizeof kCacheMagic);
  if (!AppendSerialized(dbs.folded, &data) || !AppendSerialized(dbs.pinyin, &data) ||
      !AppendSerialized(dbs.pinyin_near_latin, &data)) {
    return;
  }
  const uint64_t count = dbs.starts.size();
  data.append(reinterpret_cast<const char*>(&count), sizeof count);
  for (size_t i = 0; i < dbs.starts.size(); ++i) {
    data.append(reinterpret_cast<const char*>(&dbs.start_widths[i]), sizeof dbs.start_widths[i]);
    if (!AppendSerialized(dbs.starts[i], &data)) return;
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string tmp = path + ".tmp" + std::to_string(reinterpret_cast<uintptr_t>(&data));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out.write(data.data(), static_cast<std::streamsize>(data.size()))) return;
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
  RemoveUnusedFiles(dir);
}

}  // namespace jianmei::match
