// Exporting entries of an EvidenceLog as a self-contained bundle, proved against the latest
// signed checkpoint. Reads the log only; same threading rules as EvidenceLog.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "evidence/bundle.h"
#include "store/evidence_log.h"

namespace jianmei::store {

// Every index must be below the latest checkpoint's size (make a checkpoint first). A complaint
// comes with the entries it cites (its evidence_ids), so that its evidence travels with it. Each
// entry is exported once, in index order, however often and in whatever order `indices` names
// it. With `since` > 0 the bundle also carries the stored checkpoint of that size and a
// consistency proof from it to the bundle's checkpoint.
Result<evidence::Bundle> ExportBundle(const EvidenceLog& log, std::span<const uint64_t> indices,
                                      uint64_t since = 0);
// The entries a complaint entry cites (empty for a capture). NotFound when there is no entry.
Result<std::vector<uint64_t>> CitedEntries(const EvidenceLog& log, uint64_t index);
// The receipt as a one-entry bundle proved against the receipt's own checkpoint.
Result<evidence::Bundle> ReceiptBundle(const EvidenceLog& log, const Receipt& receipt);

}  // namespace jianmei::store
