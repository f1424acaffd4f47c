// EvidenceLog: checkpoints and the audit run at open. (Split from evidence_log.cc by concern.)
#include <chrono>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "evidence/timestamp.h"
#include "evidence/verifier.h"
#include "store/evidence_log.h"
#include "store/evidence_schema.h"
#include "store/files.h"

namespace jianmei::store {

using evidence::Hash;

namespace {

std::string N(uint64_t v) { return std::to_string(v); }

// The institution a complaint entry's row in `complaints` holds, as Append derived it: the
// body's "institution". Read leniently, so that a stricter ParseComplaint in a later build does
// not turn old, properly hashed complaints into false alarms.
std::optional<std::string> ComplaintInstitution(std::string_view body) {
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  auto it = j.find("institution");
  if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) return std::nullopt;
  return it->get<std::string>();
}

// The complaints table is an index derived from the hashed entries, so a row can be forged,
// edited or dropped without touching the tree: require exactly the rows the entries imply.
Status CheckComplaintRows(Db* db, const std::map<uint64_t, std::string>& want) {
  auto q = db->Prepare("SELECT entry_idx, institution FROM complaints ORDER BY entry_idx");
  if (!q.ok()) return q.status();
  auto next = want.begin();
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    int64_t idx = q->Int(0);
    std::string institution(q->Blob(1));
    if (next != want.end() && static_cast<int64_t>(next->first) < idx) break;  // a row is missing
    if (next == want.end() || static_cast<int64_t>(next->first) > idx) {
      return Status::Corruption("evidence log: complaints row for entry " + std::to_string(idx) +
                                " (\"" + institution +
                                "\") does not come from a complaint entry "
                                "(the row was forged)");
    }
    if (institution != next->second) {
      return Status::Corruption("evidence log: complaints row for entry " + N(next->first) +
                                " names \"" + institution + "\" but the complaint entry names \"" +
                                next->second + "\" (the row was edited)");
    }
    ++next;
  }
  if (next != want.end()) {
    return Status::Corruption("evidence log: complaint entry " + N(next->first) + " against \"" +
                              next->second + "\" has no complaints row (the row was deleted)");
  }
  return Status::Ok();
}

}  // namespace

Result<StoredCheckpoint> EvidenceLog::ReadCheckpoint(Stmt& q) const {
  StoredCheckpoint c;
  uint64_t size = static_cast<uint64_t>(q.Int(0));
  c.note = std::string(q.Blob(1));
  if (!q.IsNull(2)) c.timestamp_token = std::string(q.Blob(2));
  auto cp = evidence::OpenCheckpoint(c.note, verifier(), origin_);
  if (!cp.ok()) {
    return Status::Corruption("evidence log: stored checkpoint at size " + N(size) + ": " +
                              cp.status().message());
  }
  if (cp->size != size) {
    return Status::Corruption("evidence log: checkpoint row for size " + N(size) +
                              " holds a note for size " + N(cp->size));
  }
  if (!c.timestamp_token.empty()) {
    // Only the imprint can be checked here: the TSA's certificate is the verifier's to supply.
    if (auto ts = evidence::VerifyTimestampToken(c.timestamp_token, c.note); !ts.ok()) {
      return Status::Corruption("evidence log: stored checkpoint at size " + N(size) + ": " +
                                ts.status().message());
    }
  }
  c.checkpoint = *cp;
  return c;
}

Result<std::optional<StoredCheckpoint>> EvidenceLog::LatestCheckpoint() const {
  auto q = db_->Prepare(
      "SELECT size, note, timestamp_token FROM checkpoints ORDER BY size DESC LIMIT 1");
  if (!q.ok()) return q.status();
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<StoredCheckpoint>();
  auto c = ReadCheckpoint(*q);
  if (!c.ok()) return c.status();
  return std::optional<StoredCheckpoint>(std::move(*c));
}

Result<StoredCheckpoint> EvidenceLog::CheckpointAt(uint64_t size) const {
  auto q = db_->Prepare("SELECT size, note, timestamp_token FROM checkpoints WHERE size = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, static_cast<int64_t>(size));
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no checkpoint at size " + N(size));
  return ReadCheckpoint(*q);
}

// Checks, from the stored nodes, that the tree of size n with this root extends `prev`.
Status EvidenceLog::CheckExtends(const evidence::Checkpoint& prev, uint64_t n,
                                 const Hash& root) const {
  // The free function, not the member: `n` may lie beyond what this object has seen.
  auto proof = evidence::ConsistencyProof(*this, prev.size, n);
  if (!proof.ok()) return proof.status();
  if (Status s = evidence::VerifyConsistency(prev.size, n, *proof, prev.root, root); !s.ok()) {
    return Status::Corruption("checkpoint: size " + N(n) +
                              " is not consistent with the "
                              "previous checkpoint at " +
                              N(prev.size) + ": " + s.message());
  }
  return Status::Ok();
}

Result<StoredCheckpoint> EvidenceLog::MakeCheckpoint(const TimestampFn& timestamp) {
  std::optional<StoredCheckpoint> last;
  Hash root;
  {
    // One snapshot for the size, the nodes and the previous checkpoint, taking up other
    // processes' appends. No lock is held while signing and timestamping (a TSA takes seconds).
    ReadTransaction snapshot(db_.get());
    if (!snapshot.status().ok()) return snapshot.status();
    if (Status s = Refresh(); !s.ok()) return s;
    auto latest = LatestCheckpoint();
    if (!latest.ok()) return latest.status();
    last = std::move(*latest);
    if (last && last->checkpoint.size == size()) return *last;
    if (size() == 0) return Status::InvalidArgument("checkpoint: the log is empty");
    // The root from the stored nodes must agree with the in-memory right edge.
    auto r = evidence::RootHash(*this, size());
    if (!r.ok()) return r.status();
    if (*r != range_.Root()) {
      return Status::Corruption("checkpoint: stored nodes give root " + evidence::ToHex(*r) +
                                " but appends produced " + evidence::ToHex(range_.Root()));
    }
    root = *r;
    if (last) {
      if (Status s = CheckExtends(last->checkpoint, size(), root); !s.ok()) return s;
    }
  }
  uint64_t n = size();
  StoredCheckpoint c;
  c.checkpoint = {origin_, n, root};
  auto note = evidence::SignNote(c.checkpoint.Body(), *signer_);
  if (!note.ok()) return note.status();
  c.note = note->ToString();
  if (timestamp) {
    auto token = timestamp(c.note);
    if (!token.ok()) return token.status();
    c.timestamp_token = std::move(*token);
  }
  {
    Transaction tx(db_.get());
    if (!tx.status().ok()) return tx.status();
    // Another process may have stored checkpoints while we signed. One of our size is returned
    // as it is, whether or not it is the latest (a smaller size may be stored after a larger
    // one); the latest must be consistent with ours, as the one we proved against was.
    if (auto same = CheckpointAt(n); same.ok()) {
      return *same;
    } else if (same.status().code() != Status::Code::kNotFound) {
      return same.status();
    }
    auto now = LatestCheckpoint();
    if (!now.ok()) return now.status();
    if (*now && (*now)->checkpoint.size != (last ? last->checkpoint.size : 0)) {
      if ((*now)->checkpoint.size < n) {
        if (Status s = CheckExtends((*now)->checkpoint, n, root); !s.ok()) return s;
      } else if (Status s =
                     CheckExtends(c.checkpoint, (*now)->checkpoint.size, (*now)->checkpoint.root);
                 !s.ok()) {
        return s;
      }
    }
    auto q = db_->Prepare(
        "INSERT INTO checkpoints(size, note, timestamp_token, created_at) VALUES(?, ?, ?, ?)");
    if (!q.ok()) return q.status();
    q->Bind(1, static_cast<int64_t>(n)).BindText(2, c.note);
    if (c.timestamp_token.empty()) {
      q->BindNull(3);
    } else {
      q->Bind(3, c.timestamp_token);
    }
    q->Bind(4, std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count());
    if (Status s = q->Run(); !s.ok()) return s;
    if (Status s = tx.Commit(); !s.ok()) return s;
  }
  // After the commit, never before: a witness naming a checkpoint the database lacks means
  // rollback. A crash in between leaves the witness behind, which the next open repairs.
  if (Status s = SyncWitness(); !s.ok()) return s;
  return c;
}

Status EvidenceLog::Audit(OpenMode mode) {
  // Without its triggers the log is append-only by convention only: report that first.
  if (Status s = CheckAppendOnlyTriggers(db_.get()); !s.ok()) return s;
  uint64_t count = 0;
  {
    auto q = db_->Prepare("SELECT count(*), coalesce(max(idx), -1) FROM entries");
    if (!q.ok()) return q.status();
    if (auto row = q->Step(); !row.ok()) return row.status();
    count = static_cast<uint64_t>(q->Int(0));
    if (q->Int(1) != static_cast<int64_t>(count) - 1) {
      return Status::Corruption("evidence log: entry indices are not 0.." + N(count - 1) +
                                " (an entry was removed)");
    }
  }
  // Every checkpoint must carry a valid signature over its own size.
  std::vector<StoredCheckpoint> checkpoints;
  {
    auto q = db_->Prepare("SELECT size, note, timestamp_token FROM checkpoints ORDER BY size");
    if (!q.ok()) return q.status();
    for (;;) {
      auto row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (mode == OpenMode::kQuickAudit) checkpoints.clear();  // only the last matters
      auto c = ReadCheckpoint(*q);
      if (!c.ok()) return c.status();
      checkpoints.push_back(std::move(*c));
    }
  }
  if (!checkpoints.empty() && checkpoints.back().checkpoint.size > count) {
    return Status::Corruption("evidence log: the last checkpoint covers " +
                              N(checkpoints.back().checkpoint.size) + " entries but only " +
                              N(count) + " exist (entries deleted or database rolled back)");
  }
  if (mode == OpenMode::kQuickAudit) {
    auto range = evidence::CompactRange::Load(*this, count);
    if (!range.ok()) return range.status();
    range_ = std::move(*range);
    if (checkpoints.empty()) return Status::Ok();
    const evidence::Checkpoint& cp = checkpoints.back().checkpoint;
    auto root = evidence::RootHash(*this, cp.size);
    if (!root.ok()) return root.status();
    if (*root != cp.root) {
      return Status::Corruption("evidence log: root at checkpoint " + N(cp.size) +
                                " recomputed as " + evidence::ToHex(*root) + " but " +
                                evidence::ToHex(cp.root) + " was signed: the database was edited");
    }
    return Status::Ok();
  }

  evidence::CompactRange range;
  size_t next_cp = 0;
  std::map<uint64_t, std::string> complaints;  // the complaints rows the entries imply
  auto blob_size = db_->Prepare("SELECT length(data) FROM blobs WHERE sha256 = ?");
  if (!blob_size.ok()) return blob_size.status();
  auto q = db_->Prepare("SELECT idx, data FROM entries ORDER BY idx");
  if (!q.ok()) return q.status();
  for (;;) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    uint64_t idx = static_cast<uint64_t>(q->Int(0));
    std::string_view data = q->Blob(1);
    auto entry = evidence::DecodeEntry(data);
    if (!entry.ok()) {
      return Status::Corruption("evidence log: entry " + N(idx) +
                                " is malformed: " + entry.status().message());
    }
    for (const evidence::NodeRecord& n : range.Append(evidence::HashLeaf(data))) {
      auto stored = GetNode(n.level, n.index);
      if (!stored.ok()) return stored.status();
      if (*stored != n.hash) {
        return Status::Corruption("evidence log: tree node (level " + N(n.level) + ", index " +
                                  N(n.index) + ") does not match entry " + N(idx) +
                                  ": the entry or its hashes were edited");
      }
    }
    while (next_cp < checkpoints.size() && checkpoints[next_cp].checkpoint.size == range.size()) {
      const evidence::Checkpoint& cp = checkpoints[next_cp].checkpoint;
      if (range.Root() != cp.root) {
        return Status::Corruption("evidence log: root at checkpoint " + N(cp.size) +
                                  " recomputed as " + evidence::ToHex(range.Root()) + " but " +
                                  evidence::ToHex(cp.root) + " was signed: the database was edited");
      }
      ++next_cp;
    }
    // The entry is hashed, its blobs are not: each one it commits to must still be there.
    for (size_t k = 0; k < entry->attachments.size(); ++k) {
      const evidence::Attachment& a = entry->attachments[k];
      blob_size->Reset();
      blob_size->Bind(1, evidence::AsBytes(a.sha256));
      auto found = blob_size->Step();
      if (!found.ok()) return found.status();
      std::string what = "evidence log: entry " + N(idx) + " attachment " + N(k) + " (\"" + a.name +
                         "\", sha256 " + evidence::ToHex(a.sha256) + ")";
      if (!*found) return Status::Corruption(what + ": its blob is missing (deleted)");
      if (static_cast<uint64_t>(blob_size->Int(0)) != a.size) {
        return Status::Corruption(what + ": its blob holds " + N(blob_size->Int(0)) +
                                  " bytes, the entry commits to " + N(a.size));
      }
    }
    if (entry->kind == evidence::EntryKind::kComplaint) {
      if (auto institution = ComplaintInstitution(entry->body)) complaints[idx] = *institution;
    }
  }
  if (Status s = CheckComplaintRows(db_.get(), complaints); !s.ok()) return s;
  {
    auto nq = db_->Prepare("SELECT count(*) FROM nodes");
    if (!nq.ok()) return nq.status();
    if (auto row = nq->Step(); !row.ok()) return row.status();
    uint64_t want = 2 * count - static_cast<uint64_t>(__builtin_popcountll(count));
    if (static_cast<uint64_t>(nq->Int(0)) != want) {
      return Status::Corruption("evidence log: " + N(nq->Int(0)) + " tree nodes stored, " +
                                N(want) + " expected for " + N(count) + " entries");
    }
  }
  auto bq = db_->Prepare("SELECT sha256, data FROM blobs");
  if (!bq.ok()) return bq.status();
  for (;;) {
    auto row = bq->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string_view key = bq->Blob(0);
    Hash h = evidence::Sha256(bq->Blob(1));
    if (key != evidence::AsBytes(h)) {
      return Status::Corruption("evidence log: blob stored under a hash it does not have");
    }
  }
  range_ = std::move(range);
  return Status::Ok();
}

Status EvidenceLog::CheckWitness(const Result<std::string>& witness, bool* behind) {
  auto last = LatestCheckpoint();
  if (!last.ok()) return last.status();
  *behind = *last && !witness.ok();
  if (!witness.ok()) return Status::Ok();
  auto cp = evidence::OpenCheckpoint(*witness, verifier(), origin_);
  if (!cp.ok()) return Status::Corruption(witness_path() + ": " + cp.status().message());
  auto stored = CheckpointAt(cp->size);
  if (!stored.ok() || stored->checkpoint.root != cp->root) {
    return Status::Corruption(
        "evidence log: the database has no checkpoint matching the "
        "signed checkpoint at size " +
        N(cp->size) + " in " + witness_path() + " (database rolled back or replaced)");
  }
  // Behind after a crash between a checkpoint's commit and the file write (or while another
  // process is between the two).
  *behind = *last && (*last)->checkpoint.size != cp->size;
  return Status::Ok();
}

Status EvidenceLog::SyncWitness() {
  // Every witness write happens under the write lock and writes the latest checkpoint stored at
  // that moment; checkpoints are only added under that lock too, so the file never goes back to
  // an older note than one another process already wrote.
  Transaction tx(db_.get());
  if (!tx.status().ok()) return tx.status();
  auto last = LatestCheckpoint();
  if (!last.ok()) return last.status();
  if (!*last) return Status::Ok();
  if (auto text = ReadFile(witness_path()); text.ok() && *text == (*last)->note)
    return Status::Ok();
  return WriteFileAtomic(witness_path(), (*last)->note);
}

}  // namespace jianmei::store
