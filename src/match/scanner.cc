#include "match/scanner.h"

#include <hs/hs.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "core/utf8.h"
#include "match/database_cache.h"
#include "match/vectorscan_runtime.h"
#include "text/normalizer.h"
#include "text/unihan.h"

namespace jianmei::match {
namespace {

// The channels' databases track no start of match (see scanner.h); the start finders do.
constexpr unsigned kFlags = HS_FLAG_UTF8;
constexpr unsigned kStartFlags = HS_FLAG_UTF8 | HS_FLAG_SOM_LEFTMOST;
constexpr size_t kMaxReadingCombos = 4;  // pinyin spellings per term (polyphonic characters)

// Where a channel's matches go: a literal's (its byte length is known) with its start, a regular
// expression's (length 0) to `regex_ends` for the start finders.
struct MatchSink {
  std::vector<Hit>* hits;
  const std::vector<uint32_t>& lengths;
  std::vector<Hit>* regex_ends;
  uint32_t base = 0;  // offset of the scanned bytes in the text
};

int OnMatch(unsigned int id, unsigned long long, unsigned long long to, unsigned int, void* ctx) {
  auto* sink = static_cast<MatchSink*>(ctx);
  const uint32_t length = sink->lengths[id];
  const auto end = sink->base + static_cast<uint32_t>(to);
  if (length) {
    sink->hits->push_back({id, {end - length, end}});
  } else {
    sink->regex_ends->push_back({id, {end, end}});
  }
  return 0;
}

// A start finder's matches: one entry, scanned over a window that begins at byte `base`.
struct StartSink {
  std::vector<Hit>* hits;
  uint32_t entry;
  uint32_t base;
};

int OnStart(unsigned int, unsigned long long from, unsigned long long to, unsigned int, void* ctx) {
  auto* sink = static_cast<StartSink*>(ctx);
  sink->hits->push_back(
      {sink->entry,
       {sink->base + static_cast<uint32_t>(from), sink->base + static_cast<uint32_t>(to)}});
  return 0;
}

// Whether an expression may hold an assertion (^ $ \b \B \A \z \Z), which makes a match depend on
// bytes outside it; a ^ that negates a class does not count.
bool MayAssert(const std::string& expr) {
  bool class_opened = false;  // the previous character was an unescaped [
  for (size_t i = 0; i < expr.size(); ++i) {
    const char c = expr[i];
    if (c == '\\' && i + 1 < expr.size()) {
      if (std::string_view("bBAzZ").find(expr[++i]) != std::string_view::npos) return true;
    } else if (c == '$' || (c == '^' && !class_opened)) {
      return true;
    }
    class_opened = c == '[';
  }
  return false;
}

std::string Unescape(const std::string& expr) {
  std::string out;
  for (size_t i = 0; i < expr.size(); ++i) {
    if (expr[i] == '\\' && i + 1 < expr.size()) ++i;
    out.push_back(expr[i]);
  }
  return out;
}

// Pinyin spellings of an all-Han term: the customary readings first, then each polyphonic
// character's other reading in turn. Empty if some character is not Han or has no reading.
std::vector<std::vector<std::string_view>> Spellings(const std::string& term) {
  const text::Unihan& u = text::Unihan::Get();
  std::vector<text::Unihan::Readings> rs;
  for (size_t pos = 0; pos < term.size();) {
    size_t len;
    const char32_t cp = utf8::Decode(term, pos, &len);
    pos += len;
    if (!text::IsHan(cp)) return {};
    const auto r = u.ReadingsOf(cp);
    if (r.first == text::Unihan::kNone) return {};
    rs.push_back(r);
  }
  std::vector<std::vector<std::string_view>> out(1);
  for (const auto& r : rs) out[0].push_back(u.Syllable(r.first));
  for (size_t i = 0; i < rs.size() && out.size() < kMaxReadingCombos; ++i) {
    if (rs[i].second == text::Unihan::kNone) continue;
    out.push_back(out[0]);
    out.back()[i] = u.Syllable(rs[i].second);
  }
  return out;
}

uint64_t Fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return (h ^ 0xFF) * 1099511628211ull;
}

// Checks each expression on its own, as its start finder compiles it, so that every bad one is
// named, not just the first.
Status ValidateExpressions(const std::vector<kb::LexiconEntry>& entries) {
  std::string problems;
  for (const auto& e : entries) {
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(e.expression.c_str(), kStartFlags, &info, &err) != HS_SUCCESS) {
      problems += "\n  [" + e.owner_id + "] pattern '" + e.display + "': " + err->message;
      // A leading look-behind that kb::SplitLookBehind did not take off reaches Vectorscan.
      if (e.expression.rfind("(?<!", 0) == 0) {
        problems += " (a leading look-behind may hold one character or a bracket of characters, "
                    "with \\d and \\-escapes: no ranges, other classes or negation)";
      }
      hs_free_compile_error(err);
    } else {
      if (info->min_width == 0) {
        problems += "\n  [" + e.owner_id + "] pattern '" + e.display + "' can match nothing";
      }
      std::free(info);
    }
  }
  if (!problems.empty()) return Status::InvalidArgument("invalid lexicon patterns:" + problems);
  return Status::Ok();
}

}  // namespace

uint8_t EvasionOf(const text::NormalizedText& nt, const Hit& h) {
  return static_cast<uint8_t>((nt.EvasionIn(h.span) | h.evasion_add) & ~h.evasion_drop);
}

Scanner::Scratch::~Scratch() { hs_free_scratch(scratch_); }

Scanner::~Scanner() {
  hs_free_scratch(prototype_);
  hs_free_database(db_);
  hs_free_database(pinyin_db_);
  hs_free_database(pinyin_near_latin_db_);
  for (const StartFinder& f : start_finders_) hs_free_database(f.db);
}

namespace {

std::string CompileErrorMessage(hs_compile_error_t* err, const kb::LexiconEntry* e) {
  std::string msg = err->message;
  if (e) msg = "[" + e->owner_id + "] pattern '" + e->display + "': " + msg;
  hs_free_compile_error(err);
  return msg;
}

// Compiles literals (bytes, no flags) with the given ids into *db; `what` names the database in
// an error.
Status CompileLiterals(const std::vector<std::string_view>& literals,
                       const std::vector<unsigned>& ids, const char* what, hs_database** db) {
  std::vector<const char*> bytes;
  std::vector<size_t> lengths;
  for (std::string_view l : literals) {
    bytes.push_back(l.data());
    lengths.push_back(l.size());
  }
  const std::vector<unsigned> flags(literals.size(), 0);
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(bytes.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(bytes.size()), HS_MODE_BLOCK, Runtime().platform,
                           db, &err) != HS_SUCCESS) {
    return Status::Internal(std::string("compiling ") + what + ": " +
                            CompileErrorMessage(err, nullptr));
  }
  return Status::Ok();
}

// Compiles the folded channel's database and each regular expression's start finder into `dbs`.
Status CompileFolded(const std::vector<kb::LexiconEntry>& entries,
                     const std::vector<std::string>& collapsed, Databases* dbs) {
  std::vector<unsigned> ids(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) ids[i] = static_cast<unsigned>(i);
  hs_compile_error_t* err = nullptr;
  // A lexicon of literals only (the registry's names) compiles several times faster through the
  // literal API; UTF-8 literals match bytewise only where they match as characters.
  if (std::all_of(entries.begin(), entries.end(), [](const auto& e) { return e.literal; })) {
    std::vector<std::string> literals;
    for (const std::string& c : collapsed) literals.push_back(Unescape(c));
    return CompileLiterals({literals.begin(), literals.end()}, ids, "the lexicon", &dbs->folded);
  }
  std::vector<const char*> exprs;
  for (const std::string& c : collapsed) exprs.push_back(c.c_str());
  std::vector<unsigned> flags(entries.size(), kFlags);
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                       HS_MODE_BLOCK, Runtime().platform, &dbs->folded, &err) != HS_SUCCESS) {
    const auto& e = entries[static_cast<size_t>(std::max(err->expression, 0))];
    return Status::InvalidArgument("compiling the lexicon: " +
                                   CompileErrorMessage(err, err->expression >= 0 ? &e : nullptr));
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].literal) continue;
    hs_expr_info_t* info = nullptr;
    dbs->starts.push_back(nullptr);
    if (hs_expression_info(exprs[i], kStartFlags, &info, &err) != HS_SUCCESS ||
        hs_compile(exprs[i], kStartFlags, HS_MODE_BLOCK, Runtime().platform, &dbs->starts.back(),
                   &err) != HS_SUCCESS) {
      std::free(info);
      return Status::InvalidArgument("compiling the lexicon: " +
                                     CompileErrorMessage(err, &entries[i]));
    }
    dbs->start_widths.push_back(info->max_width);
    std::free(info);
  }
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<const Scanner>> Scanner::Compile(std::vector<kb::LexiconEntry> entries,
                                                        const ScannerOptions& options) {
  if (entries.empty()) return Status::InvalidArgument("the lexicon is empty");
  std::shared_ptr<Scanner> s(new Scanner());
  // The folded text has repeated Han characters collapsed, so every expression is too; literal
  // terms that genuinely repeat (肉毒毒素, 冲冲冲) are checked against the uncollapsed text.
  std::vector<std::string> collapsed(entries.size());
  s->repeat_terms_.resize(entries.size());
  std::set<std::pair<std::string, uint32_t>> seen;
  s->literal_bytes_.assign(entries.size(), 0);
  for (size_t i = 0; i < entries.size(); ++i) {
    collapsed[i] = text::CollapseRepeats(entries[i].expression);
    if (!entries[i].literal) continue;
    s->literal_bytes_[i] = static_cast<uint32_t>(Unescape(collapsed[i]).size());
    const std::string term = Unescape(entries[i].expression);
    if (collapsed[i] != entries[i].expression) {
      s->repeat_terms_[i] = term;
      continue;  // the pinyin channel is collapsed too; such terms are matched as characters only
    }
    if (!options.pinyin) continue;
    for (const auto& spelling : Spellings(term)) {
      if (spelling.size() < 2) break;
      std::string full, initials;
      for (std::string_view syl : spelling) {
        full += syl;
        initials += syl[0];
      }
      const auto n = static_cast<uint8_t>(spelling.size());
      const auto id = static_cast<uint32_t>(i);
      const bool homophones = entries[i].homophones;
      if (seen.emplace(full, id).second) s->pinyin_.push_back({id, n, false, full, term, homophones});
      if (n >= kMinInitials && seen.emplace(initials, id).second) {
        s->pinyin_.push_back({id, n, true, initials, term, homophones});
      }
    }
  }

  // The pinyin patterns by where they can count: anywhere (Han homophones need
  // kMinHomophoneSyllables), only with Latin letters in the match (shorter spellings), or only as
  // a whole Latin run (initials, looked up rather than compiled).
  std::vector<std::string_view> anywhere, near_latin;
  std::vector<unsigned> anywhere_ids, near_latin_ids;
  for (size_t i = 0; i < s->pinyin_.size(); ++i) {
    const PinyinPattern& p = s->pinyin_[i];
    s->pinyin_bytes_.push_back(static_cast<uint32_t>(p.text.size()));
    if (p.initials) {
      s->initials_[p.text].push_back(static_cast<uint32_t>(i));
    } else if (p.syllables >= kMinHomophoneSyllables) {
      anywhere.push_back(p.text);
      anywhere_ids.push_back(static_cast<unsigned>(i));
    } else {
      near_latin.push_back(p.text);
      near_latin_ids.push_back(static_cast<unsigned>(i));
      s->near_latin_bytes_ = std::max(s->near_latin_bytes_, static_cast<uint32_t>(p.text.size()));
    }
  }
  // The flags are part of what was compiled: "start-finders" marks channels without
  // start-of-match tracking and a start finder per regular expression, "pinyin-by-place" the
  // pinyin patterns split as above.
  uint64_t key = Fnv(Fnv(14695981039346656037ull, hs_version()), "start-finders");
  key = Fnv(key, "pinyin-by-place");
  key = Fnv(key, Runtime().name);  // the features the databases are compiled for
  for (size_t i = 0; i < entries.size(); ++i) key = Fnv(key, collapsed[i]);
  for (const auto& p : s->pinyin_) key = Fnv(Fnv(key, p.text), std::to_string(p.entry));
  const std::string cache_path = options.cache_dir.empty() ? "" : CachePath(options.cache_dir, key);

  const auto regexes = static_cast<size_t>(
      std::count_if(entries.begin(), entries.end(), [](const auto& e) { return !e.literal; }));
  // A cached database was compiled from exactly these expressions, so they are valid; checking
  // them one by one costs more than loading it.
  Databases dbs;
  if (!cache_path.empty() && LoadCache(cache_path, regexes, &dbs)) {
    s->from_cache_ = true;
  } else {
    Status st = ValidateExpressions(entries);
    if (st.ok()) st = CompileFolded(entries, collapsed, &dbs);
    if (st.ok() && !anywhere.empty()) {
      st = CompileLiterals(anywhere, anywhere_ids, "the pinyin channel", &dbs.pinyin);
    }
    if (st.ok() && !near_latin.empty()) {
      st =
          CompileLiterals(near_latin, near_latin_ids, "the pinyin channel", &dbs.pinyin_near_latin);
    }
    if (!st.ok()) {
      dbs.Free();
      return st;
    }
    if (!cache_path.empty()) StoreCache(options.cache_dir, cache_path, dbs);
  }
  // The Scanner owns the databases from here on.
  s->db_ = dbs.folded;
  s->pinyin_db_ = dbs.pinyin;
  s->pinyin_near_latin_db_ = dbs.pinyin_near_latin;
  s->start_finders_.resize(entries.size());
  for (size_t i = 0, r = 0; i < entries.size(); ++i) {
    if (entries[i].literal) continue;
    s->start_finders_[i] = {dbs.starts[r], dbs.start_widths[r], MayAssert(collapsed[i])};
    ++r;
  }
  bool scratch_ok =
      hs_alloc_scratch(s->db_, &s->prototype_) == HS_SUCCESS &&
      (!s->pinyin_db_ || hs_alloc_scratch(s->pinyin_db_, &s->prototype_) == HS_SUCCESS) &&
      (!s->pinyin_near_latin_db_ ||
       hs_alloc_scratch(s->pinyin_near_latin_db_, &s->prototype_) == HS_SUCCESS);
  for (const StartFinder& f : s->start_finders_) {
    if (f.db) scratch_ok = scratch_ok && hs_alloc_scratch(f.db, &s->prototype_) == HS_SUCCESS;
  }
  if (!scratch_ok) return Status::Internal("cannot allocate Vectorscan scratch");
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

namespace {

void SortHits(std::vector<Hit>::iterator begin, std::vector<Hit>::iterator end) {
  std::sort(begin, end, [](const Hit& a, const Hit& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    if (a.span.end != b.span.end) return a.span.end > b.span.end;
    return a.entry < b.entry;
  });
}

// Keeps one hit per (entry, start): the longest.
void Dedupe(std::vector<Hit>* hits, size_t first) {
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
}

}  // namespace

Status Scanner::FindStarts(std::string_view folded, Scratch& scratch,
                           std::vector<Hit>* hits) const {
  std::vector<Hit>& ends = scratch.regex_ends_;
  std::sort(ends.begin(), ends.end(), [](const Hit& a, const Hit& b) {
    return a.entry != b.entry ? a.entry < b.entry : a.span.end < b.span.end;
  });
  for (size_t i = 0; i < ends.size();) {
    const uint32_t entry = ends[i].entry;
    const uint32_t first_end = ends[i].span.end;
    while (i < ends.size() && ends[i].entry == entry) ++i;
    const StartFinder& finder = start_finders_[entry];
    // Every match ends at one of the ends found, so none starts before the first end minus the
    // longest match; the window begins on a character so that the UTF-8 stays valid.
    uint32_t begin = 0;
    auto end = static_cast<uint32_t>(folded.size());
    if (!finder.whole_text) {
      end = ends[i - 1].span.end;
      if (first_end > finder.max_width) {
        begin = first_end - finder.max_width;
      }
      while (begin > 0 && (static_cast<unsigned char>(folded[begin]) & 0xC0) == 0x80) --begin;
    }
    StartSink sink{hits, entry, begin};
    hs_error_t rc = Runtime().scan(finder.db, folded.data() + begin, end - begin, 0,
                                   scratch.scratch_, OnStart, &sink);
    if (rc != HS_SUCCESS) {
      return Status::Internal("Vectorscan scan failed with code " + std::to_string(rc));
    }
  }
  return Status::Ok();
}

Status Scanner::Scan(std::string_view folded, Scratch& scratch, std::vector<Hit>* hits) const {
  const size_t first = hits->size();
  if (folded.empty()) return Status::Ok();
  if (folded.size() > 0xFFFFFFFFu) return Status::InvalidArgument("text longer than 4 GiB");
  scratch.regex_ends_.clear();
  MatchSink sink{hits, literal_bytes_, &scratch.regex_ends_};
  hs_error_t rc = Runtime().scan(db_, folded.data(), static_cast<unsigned>(folded.size()), 0,
                                 scratch.scratch_, OnMatch, &sink);
  if (rc != HS_SUCCESS) return Status::Internal("Vectorscan scan failed with code " + std::to_string(rc));
  // Literal hits are one per (entry, start) already: a literal has one length, and Vectorscan
  // reports each end of a pattern once.
  const size_t regex_first = hits->size();
  if (Status st = FindStarts(folded, scratch, hits); !st.ok()) return st;
  // A regular expression reports every end it can reach from the leftmost start; keep the
  // longest one per (entry, start).
  Dedupe(hits, regex_first);
  // A pattern's look-behind (kb::SplitLookBehind): no match right after one of its characters.
  const auto after_excluded = [&](const Hit& h) {
    const std::u32string& not_after = entries_[h.entry].not_after;
    if (not_after.empty() || h.span.begin == 0) return false;
    uint32_t lead = h.span.begin - 1;
    while (lead > 0 && (static_cast<unsigned char>(folded[lead]) & 0xC0) == 0x80) --lead;
    size_t len = 0;
    return not_after.find(utf8::Decode(folded, lead, &len)) != std::u32string::npos;
  };
  hits->erase(std::remove_if(hits->begin() + static_cast<std::ptrdiff_t>(first), hits->end(),
                             after_excluded),
              hits->end());
  SortHits(hits->begin() + static_cast<std::ptrdiff_t>(first), hits->end());
  return Status::Ok();
}

bool Scanner::AcceptPinyin(const text::NormalizedText& nt, const PinyinPattern& p, Span ps,
                           Hit* hit) const {
  if (!nt.PinyinBoundary(ps.begin) || !nt.PinyinBoundary(ps.end)) return false;
  bool han = false, latin = false;
  for (uint32_t i = ps.begin; i < ps.end; ++i) {
    if (nt.pinyin_flags[i] & text::NormalizedText::kPinyinHan) {
      han = true;
    } else {
      latin = true;
    }
  }
  auto is_han = [&](uint32_t i) { return (nt.pinyin_flags[i] & text::NormalizedText::kPinyinHan) != 0; };
  const bool whole_run = !han && (ps.begin == 0 || nt.pinyin[ps.begin - 1] == ' ' || is_han(ps.begin - 1)) &&
                         (ps.end == nt.pinyin.size() || nt.pinyin[ps.end] == ' ' || is_han(ps.end));
  const Span f = nt.PinyinToFolded(ps);
  const std::string_view folded = f.Slice(nt.folded);
  hit->entry = p.entry;
  hit->span = f;
  if (p.initials) {
    hit->evasion_add = text::kEvasionPinyin;
    hit->confidence = kConfidenceInitials;
    return whole_run;
  }
  if (!latin) {
    if (folded == p.term || p.syllables < kMinHomophoneSyllables || !p.homophones) return false;
    hit->evasion_add = text::kEvasionHomophone;
    hit->confidence = kConfidenceHomophone;
    return true;
  }
  hit->evasion_add = text::kEvasionPinyin;
  if (han) {
    hit->confidence = kConfidenceMixed;
    // Han characters that are not the term's own are homophones (xiao腿组duan).
    for (size_t pos = 0; pos < folded.size();) {
      size_t len;
      const char32_t cp = utf8::Decode(folded, pos, &len);
      if (text::IsHan(cp) && p.term.find(folded.substr(pos, len)) == std::string::npos) {
        if (!p.homophones) return false;
        hit->evasion_add |= text::kEvasionHomophone;
      }
      pos += len;
    }
    return p.syllables >= kMinMixedSyllables;
  }
  hit->confidence = kConfidenceLatin;
  return p.syllables >= kMinLatinSyllables || (whole_run && p.syllables >= kMinWholeRunSyllables);
}

Status Scanner::Scan(const text::NormalizedText& nt, Scratch& scratch, std::vector<Hit>* hits) const {
  const size_t first = hits->size();
  if (Status st = Scan(nt.folded, scratch, hits); !st.ok()) return st;
  // Terms that genuinely repeat: the uncollapsed text must hold the term; its own repeats are
  // not evasion.
  auto end = std::remove_if(hits->begin() + static_cast<std::ptrdiff_t>(first), hits->end(),
                            [&](Hit& h) {
                              const std::string& term = repeat_terms_[h.entry];
                              if (term.empty()) return false;
                              const std::string raw = nt.Uncollapsed(h.span);
                              if (raw.find(term) == std::string::npos) return true;
                              if (raw == term) h.evasion_drop = text::kEvasionRepeat;
                              return false;
                            });
  hits->erase(end, hits->end());
  if (pinyin_.empty() || nt.pinyin.empty()) return Status::Ok();

  std::vector<Hit>& raw = scratch.pinyin_hits_;
  raw.clear();
  auto scan = [&](hs_database* db, uint32_t begin, uint32_t end) {
    MatchSink sink{&raw, pinyin_bytes_, nullptr, begin};  // pinyin patterns are all literals
    return Runtime().scan(db, nt.pinyin.data() + begin, end - begin, 0, scratch.scratch_, OnMatch,
                          &sink);
  };
  if (pinyin_db_) {
    if (hs_error_t rc = scan(pinyin_db_, 0, static_cast<uint32_t>(nt.pinyin.size()));
        rc != HS_SUCCESS) {
      return Status::Internal("Vectorscan scan failed with code " + std::to_string(rc));
    }
  }
  // Each Latin run: its initials, and the window around it that holds every match of a shorter
  // spelling with a letter of the run in it (overlapping windows merged: fewer scans).
  std::vector<Span>& windows = scratch.windows_;
  windows.clear();
  const auto reach = near_latin_bytes_ > 0 ? near_latin_bytes_ - 1 : 0;
  const auto size = static_cast<uint32_t>(nt.pinyin.size());
  for (const Span run : nt.latin_runs) {
    if (const auto it = initials_.find(run.Slice(nt.pinyin)); it != initials_.end()) {
      for (const uint32_t p : it->second) raw.push_back({.entry = p, .span = run});
    }
    if (!pinyin_near_latin_db_) continue;  // no shorter spellings to look for around the run
    const Span w{run.begin > reach ? run.begin - reach : 0, std::min(size, run.end + reach)};
    if (!windows.empty() && w.begin <= windows.back().end) {
      windows.back().end = std::max(windows.back().end, w.end);
    } else {
      windows.push_back(w);
    }
  }
  for (const Span& w : windows) {
    if (hs_error_t rc = scan(pinyin_near_latin_db_, w.begin, w.end); rc != HS_SUCCESS) {
      return Status::Internal("Vectorscan scan failed with code " + std::to_string(rc));
    }
  }
  const size_t folded_end = hits->size();
  for (const Hit& r : raw) {
    Hit h{};
    if (!AcceptPinyin(nt, pinyin_[r.entry], r.span, &h)) continue;
    const kb::EntityRef owner = entries_[h.entry].owner;
    const bool known = std::any_of(
        hits->begin() + static_cast<std::ptrdiff_t>(first),
        hits->begin() + static_cast<std::ptrdiff_t>(folded_end),
        [&](const Hit& o) { return o.span.Overlaps(h.span) && entries_[o.entry].owner == owner; });
    if (!known) hits->push_back(h);
  }
  if (hits->size() > folded_end) {
    // Several spellings of one entry may match at one place: keep the longest, most confident.
    auto b = hits->begin() + static_cast<std::ptrdiff_t>(folded_end);
    std::sort(b, hits->end(), [](const Hit& a, const Hit& c) {
      if (a.entry != c.entry) return a.entry < c.entry;
      if (a.span.begin != c.span.begin) return a.span.begin < c.span.begin;
      if (a.span.end != c.span.end) return a.span.end > c.span.end;
      return a.confidence > c.confidence;
    });
    hits->erase(std::unique(b, hits->end(),
                            [](const Hit& a, const Hit& c) {
                              return a.entry == c.entry && a.span.begin == c.span.begin;
                            }),
                hits->end());
  }
  SortHits(hits->begin() + static_cast<std::ptrdiff_t>(first), hits->end());
  return Status::Ok();
}

}  // namespace jianmei::match
