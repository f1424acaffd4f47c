// NameMatcher: the registry's name cores (match keys, registry/name_keys.h) compiled into
// Vectorscan literal databases, to find the institutions a post names. A key too short to stand
// alone (NeedsSuffix) counts only where an institution word follows it in the post.
//
// A registry of a million institutions has some 770,000 distinct keys, many of them long (the
// names of village clinics and health centres: 高兴县老城镇大集村卫生室). Compiled whole they took
// Vectorscan's compiler more than five minutes (and were not done); so only each key's first
// kPatternBytes bytes are compiled, each distinct prefix once (213,000 patterns at a million:
// about 10 s and 0.4 GB to compile, 15 MB, scanned as fast as the demo registry's few), and where
// a prefix of longer keys matches, those keys are asked for (Completions: an indexed range query)
// and checked against the text. Each pattern's id carries its length and whether it is a key, a
// prefix or both, so the database needs no table beside it and the key is the matched text.
// Compiled once per registry version: the databases are written to a cache file named by the
// registry's content version (hs_serialize_database, then hs_deserialize_database_at into the
// file's layout), and every later process maps that file and scans them in place — see Load and
// CachedNameMatcher.
//
// Immutable and shared by all threads; each thread finds with its own Scratch.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "registry/record_source.h"
#include "text/normalizer.h"

struct hs_database;
struct hs_scratch;

namespace jianmei::registry {

// Patterns per Vectorscan database: each is one pass over a post, and one database of a million
// random keys scanned three times as fast as four of 250,000 (doc/registry.md).
inline constexpr size_t kPatternsPerDatabase = 2000000;
// Keys are compiled up to this many bytes (four Han characters); longer ones are completed.
inline constexpr size_t kPatternBytes = 12;

class NameMatcher {
 public:
  // A name in folded text: bytes [begin, end), of which the first key_bytes are the match key
  // (the rest is the institution word after a short key).
  struct Match {
    uint32_t begin = 0, end = 0, key_bytes = 0;
  };
  class Scratch {
   public:
    ~Scratch();
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

   private:
    friend class NameMatcher;
    explicit Scratch(hs_scratch* s) : scratch_(s) {}
    hs_scratch* scratch_;
    std::vector<std::pair<unsigned, uint32_t>> hits_;
    std::vector<Match> raw_;
    std::vector<std::string> keys_;
  };

  // `keys`: distinct match keys; `words`: the institution words, folded. Needs about 2 kB per
  // pattern while compiling.
  static Result<std::shared_ptr<const NameMatcher>> Compile(const std::vector<std::string>& keys,
                                                           std::vector<std::string> words);
  // The databases a Save wrote to `path`, mapped read-only (scanned where they lie; the pages are
  // shared with every process that maps the file). NotFound when there is no such file,
  // Corruption when it is not one (truncated, a checksum that differs, another format or
  // Vectorscan version).
  static Result<std::shared_ptr<const NameMatcher>> Load(const std::string& path,
                                                        std::vector<std::string> words);
  // Writes the databases to `path` atomically (a temporary file, then rename), each as Vectorscan
  // lays it out in memory, at a page-aligned offset.
  Status Save(const std::string& path) const;

  ~NameMatcher();
  NameMatcher(const NameMatcher&) = delete;
  NameMatcher& operator=(const NameMatcher&) = delete;

  Result<std::unique_ptr<Scratch>> NewScratch() const;
  // Sets `keys` to the keys longer than `prefix` that begin with it (RecordSource::CoresStartingWith).
  using Completions = std::function<Status(std::string_view prefix, std::vector<std::string>* keys)>;
  // The names in `folded` (a post folded like the screener's, repeats collapsed), leftmost-longest
  // and not overlapping; of two over the same bytes, a key that stands alone wins over a short
  // key and its word (栖梧整形, an alias, over 栖梧 + 整形).
  Status Find(std::string_view folded, Scratch& scratch, const Completions& complete,
              std::vector<Match>* out) const;

  size_t key_count() const { return keys_; }
  size_t pattern_count() const { return patterns_; }
  size_t database_count() const { return dbs_.size(); }
  size_t database_bytes() const;  // in memory

 private:
  explicit NameMatcher(std::vector<std::string> words) : words_(std::move(words)) {}
  Status PrepareScratch();

  std::vector<std::string> words_;
  std::vector<hs_database*> dbs_;  // owned, or inside mapping_
  void* mapping_ = nullptr;        // the cache file, mapped by Load
  size_t mapping_bytes_ = 0;
  size_t keys_ = 0, patterns_ = 0;
  hs_scratch* prototype_ = nullptr;
};

// The folded institution words (name_cores.h kInstitutionWords).
std::vector<std::string> FoldedInstitutionWords(const text::Normalizer& normalizer);

struct CachedMatcher {
  std::shared_ptr<const NameMatcher> matcher;
  bool built = false;         // compiled now (no cache file for this version), else loaded
  std::string path;           // the cache file
  double seconds = 0;         // how long loading or building took
};
// The matcher of the registry `source` holds: loaded from its cache file in `cache_dir` when one
// was written for the source's content version (and this Vectorscan version), else compiled from
// the source's cores and saved there, removing the files of other versions. An empty `cache_dir`
// compiles without saving. A cache file that cannot be written costs only speed.
Result<CachedMatcher> CachedNameMatcher(const RecordSource& source, const text::Normalizer& normalizer,
                                        const std::string& cache_dir);

}  // namespace jianmei::registry
