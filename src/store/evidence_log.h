// The durable evidence log: an append-only Merkle log in one SQLite file under a home directory.
//
// Layout of `home`: jianmei.db (the SQLite file shared with the other components, WAL; see
// store/migrations.h), evidence.key (the Ed25519 signer key, mode 0600, created with the log),
// evidence.checkpoint (a copy of the latest signed checkpoint, used to
// notice a database rolled back to an older copy). An entry, its blobs and its tree nodes are
// written in one transaction; Append returns only after that transaction is durable
// (synchronous=FULL). Open audits the file (see OpenMode) and returns Status::Corruption naming
// what disagrees when the data no longer matches the signed checkpoints.
//
// EvidenceLog owns its connection. It is not thread-safe: use one object per thread or guard it.
// Several processes (or objects) may open the same home at once: the audit reads one snapshot,
// and an append or checkpoint first takes up whatever others appended since.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "evidence/checkpoint.h"
#include "evidence/entry.h"
#include "evidence/signer.h"
#include "evidence/tree.h"
#include "store/sqlite.h"

namespace jianmei::store {

enum class OpenMode {
  kFullAudit,   // default: re-hash every entry, check every stored node, blob and checkpoint
  kQuickAudit,  // recompute the last checkpoint's root from stored nodes only: O(log n)
};

struct LogOptions {
  std::string home;                               // created if missing
  // Checkpoint origin and key name for a new log; empty: evidence::DerivedOrigin of its new key
  // (jianmei.local/evidence/<16 hex digits>). An existing log keeps the origin it was created
  // with (logs made before derived origins hold "jianmei.local/evidence").
  std::string origin;
  OpenMode mode = OpenMode::kFullAudit;
};

struct StoredCheckpoint {
  evidence::Checkpoint checkpoint;
  std::string note;             // the signed note text
  std::string timestamp_token;  // RFC 3161 token (DER), empty if none
};

// What `AppendWithReceipt` acknowledges an entry with: a signed checkpoint that covers it and
// the entry's inclusion proof in that checkpoint's tree (doc/evidence_format.md, "Receipt").
struct Receipt {
  uint64_t index = 0;
  evidence::Hash leaf{};
  StoredCheckpoint checkpoint;
  std::vector<evidence::Hash> proof;
};

struct AppendStatements;  // evidence_log.cc

// Gets an RFC 3161 token (DER) over the exact signed-note text; see evidence/tsa_client.h.
using TimestampFn = std::function<Result<std::string>(std::string_view note)>;

class EvidenceLog : public evidence::NodeSource {
 public:
  static Result<std::unique_ptr<EvidenceLog>> Open(const LogOptions& options);
  EvidenceLog(const EvidenceLog&) = delete;
  EvidenceLog& operator=(const EvidenceLog&) = delete;

  uint64_t size() const { return range_.size(); }
  evidence::Hash Root() const { return range_.Root(); }
  const std::string& origin() const { return origin_; }
  const evidence::NoteVerifier& verifier() const { return signer_->verifier(); }

  // Appends an entry; blobs[i] is the content of entry.attachments[i] (hash and size must
  // match). Complaints must cite only existing entries. Returns the new entry's index.
  Result<uint64_t> Append(const evidence::Entry& entry, std::span<const std::string> blobs = {});
  // Appends several entries in one transaction (one fsync): all or none are stored, and none
  // is acknowledged before all are durable. blobs is empty or holds one list per entry. A
  // complaint may cite entries earlier in the same batch. Returns the first new index.
  Result<uint64_t> AppendBatch(std::span<const evidence::Entry> entries,
                               std::span<const std::vector<std::string>> blobs = {});
  // Append, then MakeCheckpoint, then the inclusion proof: the entry is acknowledged only inside
  // a signed tree. When signing fails after the append committed, the entry stays (unacknowledged)
  // and the next receipt's checkpoint covers it. The checkpoint may be larger than index + 1 when
  // other processes appended meanwhile.
  Result<Receipt> AppendWithReceipt(const evidence::Entry& entry,
                                    std::span<const std::string> blobs = {});
  Result<std::string> EntryBytes(uint64_t index) const;
  Result<evidence::Entry> GetEntry(uint64_t index) const;
  Result<std::string> GetBlob(const evidence::Hash& sha256) const;

  Result<std::vector<evidence::Hash>> InclusionProof(uint64_t index, uint64_t size) const;
  Result<std::vector<evidence::Hash>> ConsistencyProof(uint64_t size1, uint64_t size2) const;

  // Signs a checkpoint of the current size, after proving it consistent with the previous one.
  // Returns the stored checkpoint of that size unchanged when there is one: nothing was appended
  // since, or another process stored it while this one was signed and timestamped (its token,
  // or none, is then what comes back). With `timestamp`, the signed note is timestamped before
  // anything is stored, and the checkpoint is stored with its token; if the TSA fails, nothing
  // is stored and the error is returned (checkpoints are append-only, so a token cannot be
  // added later).
  Result<StoredCheckpoint> MakeCheckpoint(const TimestampFn& timestamp = {});
  Result<std::optional<StoredCheckpoint>> LatestCheckpoint() const;
  Result<StoredCheckpoint> CheckpointAt(uint64_t size) const;

  // Complaints recorded against an institution (exact name).
  Result<uint64_t> CountComplaints(std::string_view institution) const;

  Result<evidence::Hash> GetNode(uint32_t level, uint64_t index) const override;
  Db* db() { return db_.get(); }

 private:
  EvidenceLog() = default;
  Result<uint64_t> AppendEach(
      size_t count,
      const std::function<Status(size_t, AppendStatements&, evidence::CompactRange*)>& stage);
  // Reloads the cached right edge when other connections appended. Call inside a transaction.
  Status Refresh();
  Status Audit(OpenMode mode);
  Status CheckExtends(const evidence::Checkpoint& prev, uint64_t n,
                      const evidence::Hash& root) const;
  // Checks the witness file's text (read before the audit's snapshot began) against the stored
  // checkpoints; sets *behind when it is missing or older than the latest.
  Status CheckWitness(const Result<std::string>& witness, bool* behind);
  // Writes the latest stored checkpoint to the witness file, under the write lock.
  Status SyncWitness();
  std::string witness_path() const { return home_ + "/evidence.checkpoint"; }
  Result<StoredCheckpoint> ReadCheckpoint(Stmt& q) const;
  std::string home_, origin_;
  std::unique_ptr<Db> db_;
  std::shared_ptr<const evidence::NoteSigner> signer_;
  evidence::CompactRange range_;
  mutable std::optional<Stmt> node_query_;
};

}  // namespace jianmei::store
