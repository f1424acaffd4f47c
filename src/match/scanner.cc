#include "match/scanner.h"

#include <hs/hs.h>

#include <algorithm>

namespace jianmei::match {
namespace {

constexpr unsigned kFlags = HS_FLAG_UTF8 | HS_FLAG_SOM_LEFTMOST;

int OnMatch(unsigned int id, unsigned long long from, unsigned long long to, unsigned int,
            void* ctx) {
  static_cast<std::vector<Hit>*>(ctx)->push_back(
      {id, {static_cast<uint32_t>(from), static_cast<uint32_t>(to)}});
  return 0;
}

}  // namespace

Scanner::Scratch::~Scratch() { hs_free_scratch(scratch_); }

Scanner::~Scanner() {
  hs_free_scratch(prototype_);
  hs_free_database(db_);
}

Result<std::shared_ptr<const Scanner>> Scanner::Compile(std::vector<kb::LexiconEntry> entries) {
  if (entries.empty()) return Status::InvalidArgument("the lexicon is empty");
  // Check each expression on its own first so that every bad one is named.
  std::string problems;
  for (const auto& e : entries) {
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(e.expression.c_str(), kFlags, &info, &err) != HS_SUCCESS) {
      problems += "\n  [" + e.owner_id + "] pattern '" + e.display + "': " + err->message;
      hs_free_compile_error(err);
    } else {
      if (info->min_width == 0) {
        problems += "\n  [" + e.owner_id + "] pattern '" + e.display + "' can match nothing";
      }
      std::free(info);
    }
  }
  if (!problems.empty()) return Status::InvalidArgument("invalid lexicon patterns:" + problems);

  std::vector<const char*> exprs;
  std::vector<unsigned> flags(entries.size(), kFlags), ids(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    exprs.push_back(entries[i].expression.c_str());
    ids[i] = static_cast<unsigned>(i);
  }
  std::shared_ptr<Scanner> s(new Scanner());
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                       HS_MODE_BLOCK, nullptr, &s->db_, &err) != HS_SUCCESS) {
    std::string msg = err->message;
    if (err->expression >= 0) {
      const auto& e = entries[static_cast<size_t>(err->expression)];
      msg = "[" + e.owner_id + "] pattern '" + e.display + "': " + msg;
    }
    hs_free_compile_error(err);
    return Status::InvalidArgument("compiling the lexicon: " + msg);
  }
  if (hs_alloc_scratch(s->db_, &s->prototype_) != HS_SUCCESS) {
    return Status::Internal("cannot allocate Vectorscan scratch");
  }
  s->entries_ = std::move(entries);
  return std::shared_ptr<const Scanner>(std::move(s));
}

Result<std::unique_ptr<Scanner::Scratch>> Scanner::NewScratch() const {
  hs_scratch* copy = nullptr;
  if (hs_clone_scratch(prototype_, &copy) != HS_SUCCESS) {
    return Status::Internal("cannot clone Vectorscan scratch");
  }
  return std::unique_ptr<Scratch>(new Scratch(copy));
}

Status Scanner::Scan(std::string_view folded, Scratch& scratch, std::vector<Hit>* hits) const {
  const size_t first = hits->size();
  if (folded.empty()) return Status::Ok();
  if (folded.size() > 0xFFFFFFFFu) return Status::InvalidArgument("text longer than 4 GiB");
  hs_error_t rc = hs_scan(db_, folded.data(), static_cast<unsigned>(folded.size()), 0,
                          scratch.scratch_, OnMatch, hits);
  if (rc != HS_SUCCESS) return Status::Internal("Vectorscan scan failed with code " + std::to_string(rc));
  // A regular expression reports every end it can reach from the leftmost start; keep the
  // longest one per (entry, start).
  auto begin = hits->begin() + static_cast<std::ptrdiff_t>(first);
  std::sort(begin, hits->end(), [](const Hit& a, const Hit& b) {
    if (a.entry != b.entry) return a.entry < b.entry;
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.span.end > b.span.end;
  });
  auto last = std::unique(begin, hits->end(), [](const Hit& a, const Hit& b) {
    return a.entry == b.entry && a.span.begin == b.span.begin;
  });
  hits->erase(last, hits->end());
  std::sort(begin, hits->end(), [](const Hit& a, const Hit& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    if (a.span.end != b.span.end) return a.span.end > b.span.end;
    return a.entry < b.entry;
  });
  return Status::Ok();
}

}  // namespace jianmei::match
