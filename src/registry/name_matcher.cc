#include "registry/name_matcher.h"

#include <fcntl.h>
#include <hs/hs.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "match/vectorscan_runtime.h"
#include "registry/name_cores.h"
#include "registry/name_keys.h"

namespace jianmei::registry {
namespace {

constexpr char kMagic[] = "jianmei-registry-names 3\n";

// A pattern's id: its index in its database, whether it is a whole key, whether it is the
// prefix of longer keys, and its length in bytes (the lowest 8 bits). Ids must differ: Vectorscan
// merges the literals of one id, and its compiler then needs several times the memory (2.3 GB
// and rising for 250,000 keys of 4 distinct lengths, against 0.6 GB with one id each).
constexpr unsigned kLengthBits = 8;
constexpr unsigned kWholeKey = 1u << 8;
constexpr unsigned kPrefix = 1u << 9;
constexpr unsigned kIndexShift = 10;
constexpr size_t kMaxIndex = size_t(1) << (32 - kIndexShift);

struct Raw {
  std::vector<std::pair<unsigned, uint32_t>>* hits;  // id, end
};

int OnMatch(unsigned id, unsigned long long, unsigned long long to, unsigned, void* ctx) {
  static_cast<Raw*>(ctx)->hits->push_back({id, static_cast<uint32_t>(to)});
  return 0;
}

// `key` cut to at most kPatternBytes bytes at a character boundary.
std::string_view PatternOf(std::string_view key) {
  if (key.size() <= kPatternBytes) return key;
  size_t cut = kPatternBytes;
  while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) --cut;
  return key.substr(0, cut);
}

void PutU64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

bool GetU64(std::string_view* in, uint64_t* v) {
  if (in->size() < 8) return false;
  *v = 0;
  for (int i = 0; i < 8; ++i) *v |= uint64_t(static_cast<unsigned char>((*in)[i])) << (8 * i);
  in->remove_prefix(8);
  return true;
}

uint64_t Fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return (h ^ 0xFF) * 1099511628211ull;
}

}  // namespace

NameMatcher::Scratch::~Scratch() { hs_free_scratch(scratch_); }

std::vector<std::string> FoldedInstitutionWords(const text::Normalizer& normalizer) {
  std::vector<std::string> words;
  for (const char* w : kInstitutionWords) words.push_back(normalizer.Fold(w));
  return words;
}

Result<std::shared_ptr<const NameMatcher>> NameMatcher::Compile(const std::vector<std::string>& keys,
                                                                std::vector<std::string> words) {
  static_assert(kPatternsPerDatabase <= kMaxIndex);
  std::shared_ptr<NameMatcher> m(new NameMatcher(std::move(words)));
  // The distinct patterns: each key cut to kPatternBytes, with whether some key is the pattern
  // itself and whether some key is longer.
  std::map<std::string_view, unsigned> patterns;
  for (const std::string& key : keys) {
    if (key.empty()) continue;
    const std::string_view pattern = PatternOf(key);
    if (pattern.empty()) continue;
    patterns[pattern] |= pattern.size() == key.size() ? kWholeKey : kPrefix;
    ++m->keys_;
  }
  auto it = patterns.begin();
  while (it != patterns.end()) {
    std::vector<const char*> exprs;
    std::vector<size_t> lens;
    std::vector<unsigned> ids, flags;
    for (; it != patterns.end() && exprs.size() < kPatternsPerDatabase; ++it) {
      exprs.push_back(it->first.data());
      lens.push_back(it->first.size());
      ids.push_back(static_cast<unsigned>(exprs.size() - 1) << kIndexShift | it->second |
                    static_cast<unsigned>(it->first.size()));
      flags.push_back(0);
    }
    hs_database* db = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                             static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK,
                             match::Runtime().platform, &db, &err) != HS_SUCCESS) {
      std::string why = err && err->message ? err->message : "unknown error";
      hs_free_compile_error(err);
      return Status::Internal("cannot compile the registry's name cores: " + why);
    }
    m->dbs_.push_back(db);
    m->patterns_ += exprs.size();
  }
  if (Status s = m->PrepareScratch(); !s.ok()) return s;
  return std::shared_ptr<const NameMatcher>(std::move(m));
}

Status NameMatcher::PrepareScratch() {
  for (hs_database* db : dbs_) {
    if (hs_alloc_scratch(db, &prototype_) != HS_SUCCESS) {
      return Status::Internal("cannot allocate Vectorscan scratch for the registry's names");
    }
  }
  return Status::Ok();
}

Result<std::unique_ptr<NameMatcher::Scratch>> NameMatcher::NewScratch() const {
  hs_scratch* s = nullptr;
  if (prototype_ && hs_clone_scratch(prototype_, &s) != HS_SUCCESS) {
    return Status::Internal("cannot clone Vectorscan scratch for the registry's names");
  }
  return std::unique_ptr<Scratch>(new Scratch(s));
}

size_t NameMatcher::database_bytes() const {
  size_t total = 0;
  for (hs_database* db : dbs_) {
    size_t n = 0;
    if (hs_database_size(db, &n) == HS_SUCCESS) total += n;
  }
  return total;
}

Status NameMatcher::Find(std::string_view folded, Scratch& scratch, const Completions& complete,
                         std::vector<Match>* out) const {
  out->clear();
  if (dbs_.empty() || folded.empty()) return Status::Ok();
  scratch.hits_.clear();
  Raw raw{&scratch.hits_};
  for (hs_database* db : dbs_) {
    hs_error_t rc = match::Runtime().scan(db, folded.data(), static_cast<unsigned>(folded.size()), 0,
                                          scratch.scratch_, OnMatch, &raw);
    if (rc != HS_SUCCESS) return Status::Internal("Vectorscan scan of the registry's names failed with code " + std::to_string(rc));
  }
  // Each key the text holds where a pattern matched: the pattern itself when it is a key, and the
  // longer keys it begins that the text goes on with.
  std::vector<Match>& found = scratch.raw_;
  found.clear();
  for (const auto& [id, end] : scratch.hits_) {
    const uint32_t begin = end - (id & ((1u << kLengthBits) - 1));
    if (id & kWholeKey) found.push_back({begin, end, end - begin});
    if (id & kPrefix) {
      const std::string_view pattern = folded.substr(begin, end - begin);
      scratch.keys_.clear();
      if (Status s = complete(pattern, &scratch.keys_); !s.ok()) return s;
      for (const std::string& key : scratch.keys_) {
        if (key.size() > pattern.size() && folded.compare(begin, key.size(), key) == 0) {
          found.push_back({begin, begin + static_cast<uint32_t>(key.size()), static_cast<uint32_t>(key.size())});
        }
      }
    }
  }
  // A short key counts only with an institution word right after it (the longest that fits).
  size_t kept = 0;
  for (Match m : found) {
    if (NeedsSuffix(folded.substr(m.begin, m.key_bytes))) {
      size_t word = 0;
      for (const std::string& w : words_) {
        if (w.size() > word && folded.compare(m.end, w.size(), w) == 0) word = w.size();
      }
      if (word == 0) continue;
      m.end += static_cast<uint32_t>(word);
    }
    found[kept++] = m;
  }
  found.resize(kept);
  // By start, longest first; over the same bytes, a key standing alone before a short key + word.
  std::sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return a.key_bytes > b.key_bytes;
  });
  uint32_t covered = 0;
  for (const Match& m : found) {
    if (m.begin < covered) continue;
    covered = m.end;
    out->push_back(m);
  }
  return Status::Ok();
}

namespace {

// The cache file: a header, then each database as Vectorscan lays it out in memory (what
// hs_deserialize_database_at makes of its hs_serialize_database bytes), at offsets that are
// multiples of the page size. Vectorscan databases are position-independent (a copy at another
// address scans the same), so Load maps the file and scans the mapped databases where they lie:
// nothing is copied, start-up costs one read of the file for its checksums, and the pages are the
// page cache's, shared by every process that maps the same file.
//   magic, keys, patterns, databases (u64 each), then per database: offset, size, checksum.
constexpr size_t kPage = 4096;

uint64_t Checksum(const char* data, size_t n) {
  // Four independent lanes of 8-byte words, so the loop runs at memory speed.
  uint64_t lane[4] = {n, 0x9E3779B97F4A7C15ull, 0xC2B2AE3D27D4EB4Full, 0x165667B19E3779F9ull};
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    for (int k = 0; k < 4; ++k) {
      uint64_t w;
      std::memcpy(&w, data + i + 8 * k, 8);
      lane[k] = (lane[k] ^ w) * 0x9E3779B97F4A7C15ull;
      lane[k] ^= lane[k] >> 29;
    }
  }
  uint64_t h = lane[0] ^ (lane[1] << 1) ^ (lane[2] << 2) ^ (lane[3] << 3);
  for (; i < n; ++i) h = (h ^ static_cast<unsigned char>(data[i])) * 1099511628211ull;
  return h;
}

}  // namespace

NameMatcher::~NameMatcher() {
  if (mapping_) {
    ::munmap(mapping_, mapping_bytes_);
  } else {
    for (hs_database* db : dbs_) hs_free_database(db);
  }
  hs_free_scratch(prototype_);
}

Status NameMatcher::Save(const std::string& path) const {
  std::string header(kMagic);
  PutU64(&header, keys_);
  PutU64(&header, patterns_);
  PutU64(&header, dbs_.size());
  const size_t header_bytes = header.size() + 24 * dbs_.size();
  std::vector<std::string> images;
  size_t offset = (header_bytes + kPage - 1) / kPage * kPage;
  for (hs_database* db : dbs_) {
    char* bytes = nullptr;
    size_t n = 0;
    if (hs_serialize_database(db, &bytes, &n) != HS_SUCCESS) {
      return Status::Internal("cannot serialise the registry's name database");
    }
    size_t size = 0;
    std::string image;
    if (hs_serialized_database_size(bytes, n, &size) == HS_SUCCESS) {
      // 8-byte alignment is what hs_deserialize_database_at asks of its destination.
      image.resize(size + 8);
      char* at = image.data() + (8 - reinterpret_cast<uintptr_t>(image.data()) % 8) % 8;
      if (hs_deserialize_database_at(bytes, n, reinterpret_cast<hs_database*>(at)) == HS_SUCCESS) {
        image = std::string(at, size);
      } else {
        image.clear();
      }
    }
    std::free(bytes);
    if (image.empty()) return Status::Internal("cannot lay out the registry's name database");
    PutU64(&header, offset);
    PutU64(&header, image.size());
    PutU64(&header, Checksum(image.data(), image.size()));
    offset = (offset + image.size() + kPage - 1) / kPage * kPage;
    images.push_back(std::move(image));
  }
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    size_t at = header.size();
    for (const std::string& image : images) {
      const size_t start = (at + kPage - 1) / kPage * kPage;
      out.write(std::string(start - at, '\0').data(), static_cast<std::streamsize>(start - at));
      out.write(image.data(), static_cast<std::streamsize>(image.size()));
      at = start + image.size();
    }
    out.flush();
    if (!out) {
      std::filesystem::remove(tmp, ec);
      return Status::IoError("cannot write " + tmp);
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::IoError("cannot rename " + tmp + " to " + path);
  }
  return Status::Ok();
}

Result<std::shared_ptr<const NameMatcher>> NameMatcher::Load(const std::string& path,
                                                             std::vector<std::string> words) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound("no name database " + path);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return Status::Corruption(path + ": empty");
  }
  const auto file_bytes = static_cast<size_t>(st.st_size);
  // MAP_POPULATE: the checksums read every page anyway; mapped in bulk, not fault by fault.
  void* map = ::mmap(nullptr, file_bytes, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return Status::IoError("cannot map " + path);
  std::shared_ptr<NameMatcher> m(new NameMatcher(std::move(words)));
  m->mapping_ = map;  // unmapped by the destructor, whatever happens below
  m->mapping_bytes_ = file_bytes;
  const char* base = static_cast<const char*>(map);
  std::string_view rest(base, file_bytes);
  auto bad = [&](const std::string& why) { return Status::Corruption(path + ": " + why); };
  if (!rest.starts_with(kMagic)) return bad("not a registry name database");
  rest.remove_prefix(std::strlen(kMagic));
  uint64_t keys = 0, patterns = 0, count = 0;
  if (!GetU64(&rest, &keys) || !GetU64(&rest, &patterns) || !GetU64(&rest, &count) || count > rest.size() / 24) {
    return bad("truncated");
  }
  m->keys_ = keys;
  m->patterns_ = patterns;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t offset = 0, size = 0, sum = 0;
    GetU64(&rest, &offset);
    GetU64(&rest, &size);
    GetU64(&rest, &sum);
    if (offset % kPage != 0 || offset > file_bytes || size > file_bytes - offset) return bad("truncated");
    if (Checksum(base + offset, size) != sum) return bad("checksum mismatch");
    auto* db = reinterpret_cast<hs_database*>(const_cast<char*>(base + offset));
    size_t reported = 0;
    // Checks the database's own header too (magic, Vectorscan version, platform).
    if (hs_database_size(db, &reported) != HS_SUCCESS || reported != size) {
      return bad("a database this Vectorscan cannot use");
    }
    m->dbs_.push_back(db);
  }
  if (Status s = m->PrepareScratch(); !s.ok()) return s;
  return std::shared_ptr<const NameMatcher>(std::move(m));
}

Result<CachedMatcher> CachedNameMatcher(const RecordSource& source, const text::Normalizer& normalizer,
                                        const std::string& cache_dir) {
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::vector<std::string> words = FoldedInstitutionWords(normalizer);
  auto version = source.ContentVersion();
  if (!version.ok()) return version.status();
  // The key: the records, the words, the key rules, and the Vectorscan build and runtime.
  uint64_t h = Fnv(1469598103934665603ull, *version);
  for (const std::string& w : words) h = Fnv(h, w);
  h = Fnv(h, std::to_string(kNameKeysVersion) + "/" + std::to_string(kPatternsPerDatabase) + "/" +
                 std::to_string(kPatternBytes));
  h = Fnv(h, hs_version());
  h = Fnv(h, match::Runtime().name);
  char name[64];
  std::snprintf(name, sizeof name, "registry-names-%016llx.hsdb", static_cast<unsigned long long>(h));
  CachedMatcher out;
  out.path = cache_dir.empty() ? std::string() : (std::filesystem::path(cache_dir) / name).string();
  if (!out.path.empty()) {
    auto loaded = NameMatcher::Load(out.path, words);
    if (loaded.ok()) {
      out.matcher = *loaded;
      out.seconds = seconds();
      return out;
    }
  }
  std::vector<std::string> keys;
  if (Status s = source.ForEachCore([&](std::string_view k) { keys.emplace_back(k); }); !s.ok()) return s;
  auto compiled = NameMatcher::Compile(keys, std::move(words));
  if (!compiled.ok()) return compiled.status();
  keys = {};
  out.matcher = *compiled;
  out.built = true;
  if (!out.path.empty() && out.matcher->Save(out.path).ok()) {
    // The files of other versions are of no more use (and large).
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(cache_dir, ec)) {
      const std::string f = e.path().filename().string();
      if (f.starts_with("registry-names-") && f.ends_with(".hsdb") && f != name) {
        std::filesystem::remove(e.path(), ec);
      }
    }
  }
  out.seconds = seconds();
  return out;
}

}  // namespace jianmei::registry
