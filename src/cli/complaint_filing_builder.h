// The complaint export's one entry point (`jianmei evidence complaint export`, and any other
// front door): from a complaint entry of the log, the bundle of it and the entries it cites,
// verified with the log's own key, and the ComplaintFiling the report renders — the respondent
// resolved through the registry, the cited posts screened, the qualification answer for the
// complaint's procedure, and the channels of the knowledge base (kb/complaint_channels.toml).
// Reads the log; the other inputs are immutable and shared. Not thread-safe with respect to the
// log (store/evidence_log.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "evidence/complaint_filing.h"
#include "kb/knowledge.h"
#include "registry/directory.h"
#include "screen/pipeline.h"
#include "store/evidence_log.h"

namespace jianmei::cli {

struct FilingInputs {
  const store::EvidenceLog* log = nullptr;
  std::shared_ptr<const kb::Knowledge> kb;
  std::shared_ptr<const registry::Directory> directory;  // null: no registry imported
  std::shared_ptr<const screen::Pipeline> pipeline;      // screens the cited posts
  registry::Date today;           // decides the licence's validity
  std::string bundle_name;        // the bundle file's name, for the verification instructions
  std::string generated_at;       // RFC 3339
};

// InvalidArgument when the entry is not a complaint; the export's errors (no checkpoint covering
// it) as they are.
Result<evidence::ComplaintFiling> BuildComplaintFiling(const FilingInputs& in, uint64_t complaint_index);

// The institutions a complaint's or the user's text means: the one with that licence, else
// those whose name, alias or name core it is (each an indexed query on the registry).
Result<std::vector<registry::Institution>> ResolveInstitution(const registry::Directory& dir,
                                                              std::string_view text);

}  // namespace jianmei::cli
