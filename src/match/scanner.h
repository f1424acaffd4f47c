// Scanner: the whole lexicon compiled into Vectorscan block-mode databases: one over the folded
// text (literals with repeated Han characters collapsed, and regular expressions), and for the
// pinyin channel the full syllables of every all-Han literal term (spellings of three or more
// syllables over the whole channel, shorter ones only around Latin letters, where alone they can
// count) plus, for terms of four or more syllables, their initials (looked up per Latin run).
// Matches carry the leftmost start. Built once per knowledge-base version; with a cache directory
// the compiled databases are serialised there and loaded next time.
// The Scanner is immutable and shared by all threads; each thread scans with its own Scratch.
//
// Start-of-match tracking more than halves Vectorscan's speed, so no database tracks it: a
// literal's start is its end minus its length, and a regular expression that matched is scanned
// again, alone and with leftmost start tracking, over the few bytes that can hold its starts.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"
#include "core/status.h"
#include "core/string_map.h"
#include "kb/lexicon.h"
#include "text/normalized_text.h"

struct hs_database;
struct hs_scratch;

namespace jianmei::match {

// Pinyin-only matches need enough syllables to mean something (defaults documented here and in
// doc/screening_output.md): Latin letters alone need 3 syllables, or 2 when they are the whole
// Latin run; Latin mixed with Han needs 2; Han homophones need 3; initials need 4 letters and
// must be the whole Latin run (xtzd).
inline constexpr int kMinLatinSyllables = 3;
inline constexpr int kMinWholeRunSyllables = 2;
inline constexpr int kMinMixedSyllables = 2;
inline constexpr int kMinHomophoneSyllables = 3;
inline constexpr int kMinInitials = 4;

// Confidence (percent) that a match names the term: 100 for the folded text.
inline constexpr uint8_t kConfidenceMixed = 80;      // xiao腿zu断
inline constexpr uint8_t kConfidenceLatin = 70;      // xiaotuizuduan
inline constexpr uint8_t kConfidenceHomophone = 60;  // 小腿组断
inline constexpr uint8_t kConfidenceInitials = 50;   // xtzd

struct Hit {
  uint32_t entry;             // index into Scanner::entries()
  Span span;                  // in folded bytes
  uint8_t evasion_add = 0;    // text::Evasion bits the match itself shows (pinyin, homophone)
  uint8_t evasion_drop = 0;   // bits of the text that are not evasion here (a term's own 毒毒)
  uint8_t confidence = 100;
};

// The tricks undone to find `h`: the text's bits inside the span, adjusted by the hit.
uint8_t EvasionOf(const text::NormalizedText& nt, const Hit& h);

struct ScannerOptions {
  // Where compiled databases are cached (created if missing); empty: no cache. A file no
  // process has loaded for 30 days is removed when another is written.
  std::string cache_dir;
  // false: no pinyin channel, for a lexicon that is only matched on the folded text.
  bool pinyin = true;
};

class Scanner {
 public:
  class Scratch {
   public:
    ~Scratch();
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

   private:
    friend class Scanner;
    explicit Scratch(hs_scratch* s) : scratch_(s) {}
    hs_scratch* scratch_;
    std::vector<Hit> pinyin_hits_;
    std::vector<Hit> regex_ends_;  // regular-expression matches found without their start
    std::vector<Span> windows_;    // pinyin bytes around Latin runs
  };

  // Compiles every entry. An invalid expression is reported by its owner's id and the
  // expression; all invalid ones are listed, not just the first.
  static Result<std::shared_ptr<const Scanner>> Compile(std::vector<kb::LexiconEntry> entries,
                                                        const ScannerOptions& options = {});
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  Result<std::unique_ptr<Scratch>> NewScratch() const;
  // Folded channel only. Appends every match, one per (entry, start) with the longest end,
  // sorted by start then longest first. Terms with genuine repeats match their collapsed form.
  Status Scan(std::string_view folded, Scratch& scratch, std::vector<Hit>* hits) const;
  // Every channel: the folded text (terms with genuine repeats checked against the uncollapsed
  // text) and the pinyin channel; a pinyin match is dropped where the folded channel already
  // found an entry of the same owner overlapping it. Same order as above.
  Status Scan(const text::NormalizedText& nt, Scratch& scratch, std::vector<Hit>* hits) const;

  const std::vector<kb::LexiconEntry>& entries() const { return entries_; }
  size_t pinyin_pattern_count() const { return pinyin_.size(); }
  // Whether the databases came from the cache rather than the compiler.
  bool from_cache() const { return from_cache_; }

 private:
  struct PinyinPattern {
    uint32_t entry;
    uint8_t syllables;
    bool initials;
    std::string text;  // the pattern
    std::string term;  // the entry's folded term, repeats collapsed
    bool homophones;   // kb::LexiconEntry::homophones
  };
  // One regular expression compiled alone with leftmost start-of-match tracking.
  struct StartFinder {
    hs_database* db = nullptr;
    uint32_t max_width = 0;   // longest match in bytes; UINT_MAX if unbounded
    bool whole_text = false;  // anchors (^ $ \b …) make a match depend on bytes outside it
  };
  Scanner() = default;
  bool AcceptPinyin(const text::NormalizedText& nt, const PinyinPattern& p, Span ps, Hit* hit) const;
  // Appends the matches of the regular expressions in scratch.regex_ends_, with their starts.
  Status FindStarts(std::string_view folded, Scratch& scratch, std::vector<Hit>* hits) const;

  std::vector<kb::LexiconEntry> entries_;
  std::vector<std::string> repeat_terms_;  // per entry: the uncollapsed folded term, if it repeats
  std::vector<PinyinPattern> pinyin_;
  // Initials count only as a whole run of Latin letters (xtzd), so they are looked up per run
  // instead of compiled: as literals of four or five letters over a text of only a–z they matched
  // almost everywhere. Pattern indices by text.
  StringMap<std::vector<uint32_t>> initials_;
  // Byte length of each folded-channel literal (0 for a regular expression) and of each pinyin
  // pattern: their matches' starts are computed from their ends.
  std::vector<uint32_t> literal_bytes_;
  std::vector<uint32_t> pinyin_bytes_;
  std::vector<StartFinder> start_finders_;  // per entry; empty db for literals
  hs_database* db_ = nullptr;
  hs_database* pinyin_db_ = nullptr;             // spellings that may count anywhere
  hs_database* pinyin_near_latin_db_ = nullptr;  // spellings that count only with Latin letters
  uint32_t near_latin_bytes_ = 0;                // the longest of the latter
  hs_scratch* prototype_ = nullptr;
  bool from_cache_ = false;
};

}  // namespace jianmei::match
