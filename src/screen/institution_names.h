// InstitutionNames: registry-aware screening. Finds the institutions a post names — their short
// name cores, through the directory's own compiled matcher (InstitutionDirectory::FindNames),
// apart from the knowledge base's lexicon — and the doctors it names with a title
// (林某某医生, 王某院长), and adds the findings the directory judges: a procedure the named
// institution may not perform (beyond_licence_scope / unlicensed_provider, entity kind
// "institution" with the licence as id) and a doctor not registered there or not 主诊医师 for the
// procedure's specialty (false_credentials). Immutable and shared by all threads; each thread
// annotates with its own Scratch.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"
#include "core/status.h"
#include "kb/knowledge.h"
#include "screen/institution_directory.h"
#include "screen/report.h"
#include "text/normalized_text.h"

namespace jianmei::screen {

class InstitutionNames {
 public:
  struct Scratch {
    std::unique_ptr<InstitutionDirectory::NameScratch> names;
    std::vector<InstitutionDirectory::NameHit> hits;
  };
  // An institution name in a post: its original bytes and every registry entry it may mean.
  struct Named {
    Span span;
    std::string core;
    std::vector<std::string> licences;  // more than one: ambiguous
  };

  static Result<std::shared_ptr<const InstitutionNames>> Create(
      std::shared_ptr<const kb::Knowledge> kb, std::shared_ptr<const InstitutionDirectory> directory);

  Result<std::unique_ptr<Scratch>> NewScratch() const;
  // The institution names in `text`, leftmost-longest, not overlapping.
  Result<std::vector<Named>> Find(std::string_view text, Scratch& scratch) const;
  // The same in `text` already normalised with repeats collapsed (as the Screener does:
  // Screener::Scratch::normalized), so a post is not folded twice.
  Result<std::vector<Named>> Find(const text::NormalizedText& normalized, Scratch& scratch) const;
  // Adds the registry's findings to `report`, the screener's report of `text`, and re-scores it.
  // Only promotion is judged: a complaint or news item naming a clinic advertises nothing.
  // `normalized` is `text` normalised with repeats collapsed.
  Status Annotate(std::string_view text, const text::NormalizedText& normalized, Scratch& scratch,
                  Report* report) const;
  // The findings of Annotate without re-scoring, for the pipeline, which scores once; the
  // doctors' names too are read from `normalized`.
  Status AddFindings(const text::NormalizedText& normalized, Scratch& scratch, Report* report) const;
  // The same as Annotate above, normalising `text` itself.
  Status Annotate(std::string_view text, Scratch& scratch, Report* report) const;
  // The same with a scratch borrowed from an internal pool, for callers that keep no per-thread
  // state of their own (check's one-off texts).
  Status Annotate(std::string_view text, Report* report) const;

 private:
  InstitutionNames() = default;
  // The folded text the screener's normalisation gives (repeats collapsed), without pinyin.
  text::NormalizedText NormalizeLikeTheScreener(std::string_view text) const;
  std::shared_ptr<const kb::Knowledge> kb_;
  std::shared_ptr<const InstitutionDirectory> directory_;
  mutable std::mutex pool_mu_;
  mutable std::vector<std::unique_ptr<Scratch>> pool_;
};

}  // namespace jianmei::screen
