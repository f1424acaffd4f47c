// Scanner: the whole lexicon compiled into one Vectorscan block-mode database (literals and
// regular expressions, leftmost start of match), scanned once per text.
// The Scanner is immutable and shared by all threads; each thread scans with its own Scratch.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"
#include "core/status.h"
#include "kb/lexicon.h"

struct hs_database;
struct hs_scratch;

namespace jianmei::match {

struct Hit {
  uint32_t entry;  // index into Scanner::entries()
  Span span;       // in folded bytes
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
  };

  // Compiles every entry. An invalid expression is reported by its owner's id and the
  // expression; all invalid ones are listed, not just the first.
  static Result<std::shared_ptr<const Scanner>> Compile(std::vector<kb::LexiconEntry> entries);
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  Result<std::unique_ptr<Scratch>> NewScratch() const;
  // Appends every match, one per (entry, start) with the longest end, sorted by start then
  // longest first.
  Status Scan(std::string_view folded, Scratch& scratch, std::vector<Hit>* hits) const;

  const std::vector<kb::LexiconEntry>& entries() const { return entries_; }

 private:
  Scanner() = default;
  std::vector<kb::LexiconEntry> entries_;
  hs_database* db_ = nullptr;
  hs_scratch* prototype_ = nullptr;
};

}  // namespace jianmei::match
