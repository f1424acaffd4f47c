// The compiled Vectorscan databases of one lexicon, and the cache that keeps them on disk: one
// file per lexicon version (its key) in a cache directory, so that start-up need not compile.
// Each version leaves its own file, so a file nobody has loaded for 30 days is removed when
// another is written; a load refreshes the file's time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct hs_database;

namespace jianmei::match {

// The two channels' databases (the pinyin channel's in two parts) and, for each regular expression
// in entry order, its start finder and the longest match it allows (Vectorscan's max_width).
struct Databases {
  hs_database* folded = nullptr;
  hs_database* pinyin = nullptr;  // null: no pinyin channel
  hs_database* pinyin_near_latin = nullptr;  // spellings that count only with Latin letters in them
  std::vector<hs_database*> starts;
  std::vector<uint32_t> start_widths;

  void Free();
};

// The cache file of the lexicon version `key` in `dir`.
std::string CachePath(const std::string& dir, uint64_t key);

// Loads every database from the cache file, or returns false with `dbs` empty (a missing,
// truncated or foreign file is simply rebuilt). `regexes` is how many start finders the lexicon
// needs.
bool LoadCache(const std::string& path, size_t regexes, Databases* dbs);

// Writes the cache file atomically (temporary file, then rename), then removes the files in
// `dir` nobody has loaded for 30 days; failures only cost speed.
void StoreCache(const std::string& dir, const std::string& path, const Databases& dbs);

}  // namespace jianmei::match
