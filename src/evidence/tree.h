// Merkle tree hashes and proof generation over stored perfect-subtree hashes.
//
// A log of n leaves is stored as the hashes of its perfect subtrees: the node (level, index)
// covers leaves [index << level, (index + 1) << level) and exists once all of those leaves do.
// Any subtree hash the RFC 9162 proofs need is one such node or a fold of O(log n) of them, so
// proofs are built in O(log n) node reads. The functions here are pure given the NodeSource;
// they are as thread-safe as the source they read.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "evidence/hash.h"

namespace jianmei::evidence {

// Read access to stored perfect-subtree hashes (implemented by the SQLite store and by MemoryTree).
class NodeSource {
 public:
  virtual ~NodeSource() = default;
  virtual Result<Hash> GetNode(uint32_t level, uint64_t index) const = 0;
};

struct NodeRecord {
  uint32_t level;
  uint64_t index;
  Hash hash;
  friend bool operator==(const NodeRecord&, const NodeRecord&) = default;
};

// MTH(D[begin:end]) for a subtree that occurs in some tree (begin aligned to the split).
Result<Hash> SubtreeHash(const NodeSource& nodes, uint64_t begin, uint64_t end);
// MTH(D[0:size]); the empty tree's root for size 0.
Result<Hash> RootHash(const NodeSource& nodes, uint64_t size);
// RFC 9162 PATH(index, D[0:size]), leaf side first. Needs index < size.
Result<std::vector<Hash>> InclusionProof(const NodeSource& nodes, uint64_t index, uint64_t size);
// RFC 9162 PROOF(size1, D[0:size2]). Needs 0 < size1 <= size2 (empty for size1 == size2).
Result<std::vector<Hash>> ConsistencyProof(const NodeSource& nodes, uint64_t size1,
                                           uint64_t size2);

// The right edge of a tree: one perfect-subtree hash per set bit of its size. Appending a leaf
// yields exactly the new nodes to store. Value type; not thread-safe for concurrent mutation.
class CompactRange {
 public:
  CompactRange() = default;
  // Loads the right edge of a tree of `size` leaves from stored nodes.
  static Result<CompactRange> Load(const NodeSource& nodes, uint64_t size);

  uint64_t size() const { return size_; }
  // Appends a leaf hash; returns the nodes that now exist and did not before (leaf first).
  std::vector<NodeRecord> Append(const Hash& leaf);
  Hash Root() const;

 private:
  uint64_t size_ = 0;
  std::vector<Hash> edge_;  // edge_[level] is meaningful when bit `level` of size_ is set
};

// All nodes in memory; the reference-free test and benchmark stand-in for the store.
class MemoryTree : public NodeSource {
 public:
  void Append(const Hash& leaf);
  uint64_t size() const { return range_.size(); }
  Result<Hash> GetNode(uint32_t level, uint64_t index) const override;
  Hash Root() const { return range_.Root(); }

 private:
  CompactRange range_;
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace jianmei::evidence
