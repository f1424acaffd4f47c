#include "store/evidence_export.h"

#include <set>

#include "evidence/complaint.h"

namespace jianmei::store {

Result<std::vector<uint64_t>> CitedEntries(const EvidenceLog& log, uint64_t index) {
  auto entry = log.GetEntry(index);
  if (!entry.ok()) return entry.status();
  if (entry->kind != evidence::EntryKind::kComplaint) return std::vector<uint64_t>{};
  auto c = evidence::ParseComplaint(entry->body);
  if (!c.ok()) return Status::Corruption("entry " + std::to_string(index) + ": " + c.status().message());
  return c->evidence_ids;
}

Result<evidence::Bundle> ExportBundle(const EvidenceLog& log, std::span<const uint64_t> indices,
                                      uint64_t since) {
  if (indices.empty()) return Status::InvalidArgument("export: no entries chosen");
  auto last = log.LatestCheckpoint();
  if (!last.ok()) return last.status();
  if (!*last) return Status::InvalidArgument("export: the log has no checkpoint yet; make one first");
  const StoredCheckpoint& cp = **last;
  evidence::Bundle b;
  b.verifier_key = log.verifier().ToString();
  b.checkpoint = cp.note;
  b.timestamp_token = cp.timestamp_token;
  if (since > 0) {
    auto older = log.CheckpointAt(since);
    if (!older.ok()) return Status::InvalidArgument("export --since: " + older.status().message());
    auto proof = log.ConsistencyProof(since, cp.checkpoint.size);
    if (!proof.ok()) return proof.status();
    b.consistency = evidence::BundleConsistency{older->note, std::move(*proof)};
  }
  // Each entry once, in index order: a bundle that lists one twice is refused by VerifyBundle.
  std::set<uint64_t> chosen(indices.begin(), indices.end());
  for (uint64_t i : std::set<uint64_t>(chosen)) {
    auto cited = CitedEntries(log, i);
    if (!cited.ok()) return cited.status();
    chosen.insert(cited->begin(), cited->end());
  }
  for (uint64_t i : chosen) {
    if (i >= cp.checkpoint.size) {
      return Status::InvalidArgument("export: entry " + std::to_string(i) +
                                     " is not covered by the latest checkpoint (size " +
                                     std::to_string(cp.checkpoint.size) + "); make a checkpoint");
    }
    auto data = log.EntryBytes(i);
    if (!data.ok()) return data.status();
    auto entry = evidence::DecodeEntry(*data);
    if (!entry.ok()) return Status::Corruption("export: entry " + std::to_string(i) + ": " + entry.status().message());
    auto proof = log.InclusionProof(i, cp.checkpoint.size);
    if (!proof.ok()) return proof.status();
    for (const evidence::Attachment& a : entry->attachments) {
      auto blob = log.GetBlob(a.sha256);
      if (!blob.ok()) return blob.status();
      b.blobs[a.sha256] = std::move(*blob);
    }
    b.entries.push_back({i, std::move(*data), std::move(*proof)});
  }
  return b;
}

Result<evidence::Bundle> ReceiptBundle(const EvidenceLog& log, const Receipt& r) {
  evidence::Bundle b;
  b.verifier_key = log.verifier().ToString();
  b.checkpoint = r.checkpoint.note;
  b.timestamp_token = r.checkpoint.timestamp_token;
  auto data = log.EntryBytes(r.index);
  if (!data.ok()) return data.status();
  auto entry = evidence::DecodeEntry(*data);
  if (!entry.ok()) {
    return Status::Corruption("receipt: entry " + std::to_string(r.index) + ": " +
                              entry.status().message());
  }
  for (const evidence::Attachment& a : entry->attachments) {
    auto blob = log.GetBlob(a.sha256);
    if (!blob.ok()) return blob.status();
    b.blobs[a.sha256] = std::move(*blob);
  }
  b.entries.push_back({r.index, std::move(*data), r.proof});
  return b;
}

}  // namespace jianmei::store
