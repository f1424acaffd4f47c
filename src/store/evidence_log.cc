#include "store/evidence_log.h"

#include <sys/stat.h>

#include <chrono>
#include <cstring>
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "evidence/complaint.h"
#include "evidence/trust.h"
#include "evidence/verifier.h"
#include "store/evidence_schema.h"
#include "store/files.h"
#include "store/migrations.h"

namespace jianmei::store {

using evidence::Hash;

namespace {

std::string N(uint64_t v) { return std::to_string(v); }

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::string> MetaGet(Db* db, const char* key) {
  auto q = db->Prepare("SELECT value FROM meta WHERE key = ?");
  if (!q.ok()) return q.status();
  q->BindText(1, key);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(std::string("meta ") + key);
  return std::string(q->Blob(0));
}

Status MetaPut(Db* db, const char* key, const std::string& value) {
  auto q = db->Prepare("INSERT INTO meta(key, value) VALUES(?, ?)");
  if (!q.ok()) return q.status();
  q->BindText(1, key).BindText(2, value);
  return q->Run();
}

// A new log: makes its key and records its identity, or returns the origin another process
// recorded first. The check and the creation happen under the write lock, so of several
// processes creating the log at once exactly one makes the key and the others load it.
Result<std::string> CreateIdentity(Db* db, const std::string& key_path, const std::string& origin) {
  Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  auto recorded = MetaGet(db, "origin");
  if (recorded.ok() || recorded.status().code() != Status::Code::kNotFound) return recorded;
  Status reuse = Status::InvalidArgument(
      "evidence log: " + key_path + " exists but the database is new; refusing to reuse a key");
  if (FileExists(key_path)) return reuse;
  if (!origin.empty()) {
    if (Status s = evidence::CheckKeyName(origin); !s.ok()) {
      return Status::InvalidArgument("evidence log: origin \"" + origin + "\": " + s.message());
    }
  }
  auto signer = evidence::NoteSigner::Generate(origin.empty() ? "new" : origin);
  if (!signer.ok()) return signer.status();
  if (origin.empty()) {
    // The default: an origin no other log has, derived from this log's own key.
    signer = (*signer)->WithName(evidence::DerivedOrigin((*signer)->verifier().public_key()));
    if (!signer.ok()) return signer.status();
  }
  const std::string& chosen = (*signer)->name();
  // Never replace a key file: one that appeared anyway is refused like one found above.
  auto made = CreateFileExclusive(key_path, (*signer)->SignerKey() + "\n", 0600);
  if (!made.ok()) return made.status();
  if (!*made) return reuse;
  if (Status s = MetaPut(db, "origin", chosen); !s.ok()) return s;
  if (Status s = MetaPut(db, "verifier_key", (*signer)->verifier().ToString()); !s.ok()) return s;
  if (Status s = tx.Commit(); !s.ok()) return s;
  return chosen;
}

// Removes the temporary files a writer killed between creating and renaming them left beside
// the key and the witness. Both are written only under the write lock, so while it is held no
// live writer owns one; the lock is taken only when there is something to remove.
Status RemoveLeftoverTempFiles(Db* db, std::initializer_list<std::string> paths) {
  bool any = false;
  for (const std::string& path : paths) {
    auto names = ListTempFiles(path);
    if (!names.ok()) return names.status();
    any = any || !names->empty();
  }
  if (!any) return Status::Ok();
  Transaction tx(db);
  if (!tx.status().ok()) return tx.status();
  for (const std::string& path : paths) {
    if (auto removed = RemoveTempFiles(path); !removed.ok()) {
      return Status::IoError("evidence log: leftover temporary files: " + removed.status().message());
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<EvidenceLog>> EvidenceLog::Open(const LogOptions& options) {
  if (options.home.empty()) return Status::InvalidArgument("evidence log: home directory not set");
  if (::mkdir(options.home.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::IoError("evidence log: cannot create " + options.home + ": " + std::strerror(errno));
  }
  std::unique_ptr<EvidenceLog> log(new EvidenceLog);
  log->home_ = options.home;
  auto db = Db::Open(DatabasePath(options.home));
  if (!db.ok()) return db.status();
  log->db_ = std::move(*db);
  if (Status s = MigrateEvidenceSchema(log->db_.get()); !s.ok()) return s;

  std::string key_path = options.home + "/evidence.key";
  auto origin = MetaGet(log->db_.get(), "origin");
  if (!origin.ok() && origin.status().code() != Status::Code::kNotFound) return origin.status();
  if (!origin.ok()) origin = CreateIdentity(log->db_.get(), key_path, options.origin);
  if (!origin.ok()) return origin.status();
  if (!options.origin.empty() && *origin != options.origin) {
    return Status::InvalidArgument("evidence log: " + DatabasePath(options.home) +
                                   " was created with origin \"" + *origin + "\"; the origin \"" +
                                   options.origin + "\" asked for applies only to a new log");
  }
  log->origin_ = *origin;
  auto key_text = ReadFile(key_path);
  if (!key_text.ok()) return Status::NotFound("evidence log: signer key: " + key_text.status().message());
  std::string key = *key_text;
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  auto signer = evidence::NoteSigner::Parse(key);
  if (!signer.ok()) return Status::InvalidArgument(key_path + ": " + signer.status().message());
  log->signer_ = *signer;
  auto vkey = MetaGet(log->db_.get(), "verifier_key");
  if (!vkey.ok()) return Status::Corruption("evidence log: verifier key missing from database");
  if (*vkey != log->signer_->verifier().ToString()) {
    return Status::Corruption("evidence log: " + key_path +
                              " does not belong to this database (verifier key differs)");
  }
  if (Status s = RemoveLeftoverTempFiles(log->db_.get(), {key_path, log->witness_path()}); !s.ok()) {
    return s;
  }
  // The witness is written only after its checkpoint commits, so reading it before the audit's
  // snapshot starts means the snapshot holds whatever checkpoint it names.
  auto witness = ReadFile(log->witness_path());
  if (!witness.ok() && witness.status().code() != Status::Code::kNotFound) return witness.status();
  bool witness_behind = false;
  {
    // One snapshot for the whole audit: counts and walks taken at different moments would
    // disagree whenever another process appends meanwhile, and look like tampering.
    ReadTransaction snapshot(log->db_.get());
    if (!snapshot.status().ok()) return snapshot.status();
    if (Status s = log->Audit(options.mode); !s.ok()) return s;
    if (Status s = log->CheckWitness(witness, &witness_behind); !s.ok()) return s;
  }
  if (witness_behind) {
    if (Status s = log->SyncWitness(); !s.ok()) return s;
  }
  return log;
}

Result<Hash> EvidenceLog::GetNode(uint32_t level, uint64_t index) const {
  if (!node_query_) {
    auto q = db_->Prepare("SELECT hash FROM nodes WHERE level = ? AND idx = ?");
    if (!q.ok()) return q.status();
    node_query_.emplace(std::move(*q));
  }
  Stmt& q = *node_query_;
  q.Reset();
  q.Bind(1, level).Bind(2, static_cast<int64_t>(index));
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return Status::Corruption("evidence log: tree node (level " + N(level) + ", index " + N(index) +
                              ") is missing");
  }
  std::string_view h = q.Blob(0);
  if (h.size() != evidence::kHashSize) {
    return Status::Corruption("evidence log: tree node (level " + N(level) + ", index " + N(index) +
                              ") is not 32 bytes");
  }
  Hash out;
  std::memcpy(out.data(), h.data(), out.size());
  q.Reset();
  return out;
}

// The statements an append runs, prepared once per transaction.
struct AppendStatements {
  static Result<AppendStatements> Prepare(Db* db) {
    AppendStatements st;
    for (auto [slot, sql] : {
             std::pair{&st.blob, "INSERT OR IGNORE INTO blobs(sha256, data) VALUES(?, ?)"},
             std::pair{&st.entry, "INSERT INTO entries(idx, data, added_at) VALUES(?, ?, ?)"},
             std::pair{&st.entry_blob, "INSERT OR IGNORE INTO entry_blobs(entry_idx, sha256) VALUES(?, ?)"},
             std::pair{&st.node, "INSERT INTO nodes(level, idx, hash) VALUES(?, ?, ?)"},
             std::pair{&st.complaint, "INSERT INTO complaints(entry_idx, institution) VALUES(?, ?)"}}) {
      auto q = db->Prepare(sql);
      if (!q.ok()) return q.status();
      slot->emplace(std::move(*q));
    }
    return st;
  }
  std::optional<Stmt> blob, entry, entry_blob, node, complaint;
};

namespace {

Status RunReset(Stmt& q) {
  Status s = q.Run();
  q.Reset();
  return s;
}

// Checks an entry and writes it, its blobs, its tree nodes and its complaint row as leaf
// next->size() of the tree; advances `next`. The caller owns the transaction.
Status StageEntry(const evidence::Entry& entry, std::span<const std::string> blobs,
                  AppendStatements& st, evidence::CompactRange* next) {
  uint64_t index = next->size();
  if (blobs.size() != entry.attachments.size()) {
    return Status::InvalidArgument("append: " + N(entry.attachments.size()) + " attachments but " +
                                   N(blobs.size()) + " blobs");
  }
  for (size_t i = 0; i < blobs.size(); ++i) {
    if (evidence::Sha256(blobs[i]) != entry.attachments[i].sha256 ||
        blobs[i].size() != entry.attachments[i].size) {
      return Status::InvalidArgument("append: blob " + N(i) + " does not match attachment " + N(i));
    }
  }
  std::string institution;
  if (entry.kind == evidence::EntryKind::kComplaint) {
    auto c = evidence::ParseComplaint(entry.body);
    if (!c.ok()) return c.status();
    for (uint64_t id : c->evidence_ids) {
      if (id >= index) {
        return Status::InvalidArgument("complaint cites entry " + N(id) + " but the log has " +
                                       N(index) + " entries before it");
      }
    }
    institution = c->institution;
  }
  auto bytes = evidence::EncodeEntry(entry);
  if (!bytes.ok()) return bytes.status();

  for (const std::string& blob : blobs) {
    st.blob->Bind(1, evidence::AsBytes(evidence::Sha256(blob))).Bind(2, blob);
    if (Status s = RunReset(*st.blob); !s.ok()) return s;
  }
  st.entry->Bind(1, static_cast<int64_t>(index)).Bind(2, *bytes).Bind(3, NowUnix());
  if (Status s = RunReset(*st.entry); !s.ok()) return s;
  for (const evidence::Attachment& a : entry.attachments) {
    st.entry_blob->Bind(1, static_cast<int64_t>(index)).Bind(2, evidence::AsBytes(a.sha256));
    if (Status s = RunReset(*st.entry_blob); !s.ok()) return s;
  }
  for (const evidence::NodeRecord& n : next->Append(evidence::HashLeaf(*bytes))) {
    st.node->Bind(1, n.level).Bind(2, static_cast<int64_t>(n.index)).Bind(3, evidence::AsBytes(n.hash));
    if (Status s = RunReset(*st.node); !s.ok()) return s;
  }
  if (!institution.empty()) {
    st.complaint->Bind(1, static_cast<int64_t>(index)).BindText(2, institution);
    if (Status s = RunReset(*st.complaint); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Result<uint64_t> EvidenceLog::Append(const evidence::Entry& entry,
                                     std::span<const std::string> blobs) {
  return AppendEach(1, [&](size_t, AppendStatements& st, evidence::CompactRange* next) {
    return StageEntry(entry, blobs, st, next);
  });
}

Result<Receipt> EvidenceLog::AppendWithReceipt(const evidence::Entry& entry,
                                               std::span<const std::string> blobs) {
  auto idx = Append(entry, blobs);
  if (!idx.ok()) return idx.status();
  auto cp = MakeCheckpoint();
  if (!cp.ok()) return cp.status();
  Receipt r;
  r.index = *idx;
  auto bytes = EntryBytes(*idx);
  if (!bytes.ok()) return bytes.status();
  r.leaf = evidence::HashLeaf(*bytes);
  auto proof = InclusionProof(*idx, cp->checkpoint.size);
  if (!proof.ok()) return proof.status();
  // Never hand out a receipt that would not verify.
  if (Status s = evidence::VerifyInclusion(*idx, cp->checkpoint.size, r.leaf, *proof, cp->checkpoint.root);
      !s.ok()) {
    return Status::Corruption("receipt for entry " + N(*idx) + ": " + s.message());
  }
  r.checkpoint = std::move(*cp);
  r.proof = std::move(*proof);
  return r;
}

Result<uint64_t> EvidenceLog::AppendBatch(std::span<const evidence::Entry> entries,
                                          std::span<const std::vector<std::string>> blobs) {
  if (entries.empty()) return Status::InvalidArgument("append: empty batch");
  if (!blobs.empty() && blobs.size() != entries.size()) {
    return Status::InvalidArgument("append: " + N(entries.size()) + " entries but " +
                                   N(blobs.size()) + " blob lists");
  }
  return AppendEach(entries.size(), [&](size_t i, AppendStatements& st, evidence::CompactRange* next) {
    Status s = StageEntry(entries[i], blobs.empty() ? std::span<const std::string>() : blobs[i], st, next);
    if (s.code() == Status::Code::kInvalidArgument) {
      return Status::InvalidArgument("batch entry " + N(i) + ": " + s.message());
    }
    return s;
  });
}

Result<uint64_t> EvidenceLog::AppendEach(
    size_t count,
    const std::function<Status(size_t, AppendStatements&, evidence::CompactRange*)>& stage) {
  Transaction tx(db_.get());
  if (!tx.status().ok()) return tx.status();
  if (Status s = Refresh(); !s.ok()) return s;
  uint64_t first = size();
  evidence::CompactRange next = range_;
  auto st = AppendStatements::Prepare(db_.get());
  if (!st.ok()) return st.status();
  for (size_t i = 0; i < count; ++i) {
    if (Status s = stage(i, *st, &next); !s.ok()) return s;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  range_ = std::move(next);
  return first;
}

Status EvidenceLog::Refresh() {
  auto q = db_->Prepare("SELECT coalesce(max(idx) + 1, 0) FROM entries");
  if (!q.ok()) return q.status();
  if (auto row = q->Step(); !row.ok()) return row.status();
  uint64_t stored = static_cast<uint64_t>(q->Int(0));
  if (stored == size()) return Status::Ok();
  if (stored < size()) {
    return Status::Corruption("evidence log: " + N(stored) + " entries stored but " + N(size()) +
                              " were there before (entries were removed)");
  }
  // Another process appended: take the right edge from the nodes it stored.
  auto range = evidence::CompactRange::Load(*this, stored);
  if (!range.ok()) return range.status();
  range_ = std::move(*range);
  return Status::Ok();
}

Result<std::string> EvidenceLog::EntryBytes(uint64_t index) const {
  auto q = db_->Prepare("SELECT data FROM entries WHERE idx = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, static_cast<int64_t>(index));
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("entry " + N(index) + " (the log has " + N(size()) + ")");
  return std::string(q->Blob(0));
}

Result<evidence::Entry> EvidenceLog::GetEntry(uint64_t index) const {
  auto bytes = EntryBytes(index);
  if (!bytes.ok()) return bytes.status();
  auto e = evidence::DecodeEntry(*bytes);
  if (!e.ok()) return Status::Corruption("entry " + N(index) + ": " + e.status().message());
  return e;
}

Result<std::string> EvidenceLog::GetBlob(const Hash& sha256) const {
  auto q = db_->Prepare("SELECT data FROM blobs WHERE sha256 = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, evidence::AsBytes(sha256));
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("blob " + evidence::ToHex(sha256));
  return std::string(q->Blob(0));
}

Result<std::vector<Hash>> EvidenceLog::InclusionProof(uint64_t index, uint64_t tree_size) const {
  if (tree_size > size()) {
    return Status::InvalidArgument("tree size " + N(tree_size) + " exceeds the log's " + N(size()));
  }
  return evidence::InclusionProof(*this, index, tree_size);
}

Result<std::vector<Hash>> EvidenceLog::ConsistencyProof(uint64_t size1, uint64_t size2) const {
  if (size2 > size()) {
    return Status::InvalidArgument("tree size " + N(size2) + " exceeds the log's " + N(size()));
  }
  return evidence::ConsistencyProof(*this, size1, size2);
}

Result<uint64_t> EvidenceLog::CountComplaints(std::string_view institution) const {
  auto q = db_->Prepare("SELECT count(*) FROM complaints WHERE institution = ?");
  if (!q.ok()) return q.status();
  q->BindText(1, institution);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  return static_cast<uint64_t>(q->Int(0));
}

}  // namespace jianmei::store
