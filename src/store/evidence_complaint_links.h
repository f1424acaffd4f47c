// Links complaints in the evidence log to registry institutions (by licence), and counts them
// per institution for its profile.
//
// A complaint names its institution as the victim wrote it (evidence/complaint.h); that text is
// the evidence and never changes. Which registry entry the name means is a judgement made
// later, against the registry as it then is, so links live in their own table (complaint_links,
// evidence schema v2) outside the append-only tables: LinkComplaints links every complaint not
// linked yet whose name resolves to exactly one institution, and leaves the others for a later
// run (a registry import may make them resolvable). Functions take the log's connection and are
// not thread-safe with respect to it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/sqlite.h"

namespace jianmei::store {

// The licence of the one institution a complaint's institution text means, or nullopt when it
// names none or several (ambiguous).
using InstitutionResolver = std::function<std::optional<std::string>(std::string_view name)>;

struct LinkCounts {
  uint64_t linked = 0;      // complaints linked by this call
  uint64_t unresolved = 0;  // complaints still without a link
};

// Links the complaints that have no link yet, in one transaction.
Result<LinkCounts> LinkComplaints(Db* db, const InstitutionResolver& resolve);

// Entry indices of the complaints linked to `licence`, ascending.
Result<std::vector<uint64_t>> ComplaintsOfLicence(Db* db, std::string_view licence);

struct ComplaintTally {
  std::string licence;      // the linked institution; empty for complaints not linked
  std::string institution;  // for complaints not linked: the name as written; else empty
  uint64_t complaints = 0;
};

// Complaints per linked licence and per unlinked name, most complaints first (then by licence
// and name).
Result<std::vector<ComplaintTally>> TallyComplaints(Db* db);

}  // namespace jianmei::store
