#include "evidence/tree.h"

#include <bit>
#include <string>

namespace jianmei::evidence {
namespace {

std::string Range(uint64_t a, uint64_t b) {
  return "[" + std::to_string(a) + ", " + std::to_string(b) + ")";
}

Status AppendInclusion(const NodeSource& nodes, uint64_t m, uint64_t begin, uint64_t end,
                       std::vector<Hash>* out) {
  uint64_t n = end - begin;
  if (n <= 1) return Status::Ok();
  uint64_t k = SplitPoint(n);
  Result<Hash> sibling = Hash{};
  if (m < k) {
    if (Status s = AppendInclusion(nodes, m, begin, begin + k, out); !s.ok()) return s;
    sibling = SubtreeHash(nodes, begin + k, end);
  } else {
    if (Status s = AppendInclusion(nodes, m - k, begin + k, end, out); !s.ok()) return s;
    sibling = SubtreeHash(nodes, begin, begin + k);
  }
  if (!sibling.ok()) return sibling.status();
  out->push_back(*sibling);
  return Status::Ok();
}

// RFC 9162 SUBPROOF(m, D[begin:end], b).
Status AppendSubproof(const NodeSource& nodes, uint64_t m, uint64_t begin, uint64_t end,
                      bool whole, std::vector<Hash>* out) {
  uint64_t n = end - begin;
  if (m == n) {
    if (whole) return Status::Ok();
    Result<Hash> h = SubtreeHash(nodes, begin, end);
    if (!h.ok()) return h.status();
    out->push_back(*h);
    return Status::Ok();
  }
  uint64_t k = SplitPoint(n);
  Result<Hash> sibling = Hash{};
  if (m <= k) {
    if (Status s = AppendSubproof(nodes, m, begin, begin + k, whole, out); !s.ok()) return s;
    sibling = SubtreeHash(nodes, begin + k, end);
  } else {
    if (Status s = AppendSubproof(nodes, m - k, begin + k, end, false, out); !s.ok()) return s;
    sibling = SubtreeHash(nodes, begin, begin + k);
  }
  if (!sibling.ok()) return sibling.status();
  out->push_back(*sibling);
  return Status::Ok();
}

}  // namespace

Result<Hash> SubtreeHash(const NodeSource& nodes, uint64_t begin, uint64_t end) {
  if (end <= begin) return Status::InvalidArgument("empty subtree " + Range(begin, end));
  uint64_t n = end - begin;
  if (std::has_single_bit(n)) {
    if (begin % n != 0) return Status::InvalidArgument("unaligned subtree " + Range(begin, end));
    uint32_t level = static_cast<uint32_t>(std::countr_zero(n));
    return nodes.GetNode(level, begin >> level);
  }
  uint64_t k = SplitPoint(n);
  Result<Hash> left = SubtreeHash(nodes, begin, begin + k);
  if (!left.ok()) return left;
  Result<Hash> right = SubtreeHash(nodes, begin + k, end);
  if (!right.ok()) return right;
  return HashChildren(*left, *right);
}

Result<Hash> RootHash(const NodeSource& nodes, uint64_t size) {
  if (size == 0) return EmptyRoot();
  return SubtreeHash(nodes, 0, size);
}

Result<std::vector<Hash>> InclusionProof(const NodeSource& nodes, uint64_t index, uint64_t size) {
  if (index >= size) {
    return Status::InvalidArgument("inclusion proof: index " + std::to_string(index) +
                                   " is not below tree size " + std::to_string(size));
  }
  std::vector<Hash> proof;
  if (Status s = AppendInclusion(nodes, index, 0, size, &proof); !s.ok()) return s;
  return proof;
}

Result<std::vector<Hash>> ConsistencyProof(const NodeSource& nodes, uint64_t size1,
                                           uint64_t size2) {
  if (size1 == 0 || size1 > size2) {
    return Status::InvalidArgument("consistency proof: need 0 < size1 <= size2, got size1=" +
                                   std::to_string(size1) + " size2=" + std::to_string(size2));
  }
  std::vector<Hash> proof;
  if (size1 == size2) return proof;
  if (Status s = AppendSubproof(nodes, size1, 0, size2, true, &proof); !s.ok()) return s;
  return proof;
}

Result<CompactRange> CompactRange::Load(const NodeSource& nodes, uint64_t size) {
  CompactRange r;
  r.size_ = size;
  r.edge_.resize(64);
  for (uint32_t level = 0; level < 64; ++level) {
    if (((size >> level) & 1) == 0) continue;
    Result<Hash> h = nodes.GetNode(level, (size >> level) - 1);
    if (!h.ok()) return h.status();
    r.edge_[level] = *h;
  }
  return r;
}

std::vector<NodeRecord> CompactRange::Append(const Hash& leaf) {
  if (edge_.size() < 64) edge_.resize(64);
  std::vector<NodeRecord> added;
  added.push_back({0, size_, leaf});
  Hash carry = leaf;
  uint32_t level = 0;
  while ((size_ >> level) & 1) {
    carry = HashChildren(edge_[level], carry);
    ++level;
    added.push_back({level, ((size_ + 1) >> level) - 1, carry});
  }
  edge_[level] = carry;
  ++size_;
  return added;
}

Hash CompactRange::Root() const {
  if (size_ == 0) return EmptyRoot();
  uint32_t level = static_cast<uint32_t>(std::countr_zero(size_));
  Hash root = edge_[level];
  for (++level; level < 64; ++level) {
    if ((size_ >> level) & 1) root = HashChildren(edge_[level], root);
  }
  return root;
}

void MemoryTree::Append(const Hash& leaf) {
  for (const NodeRecord& n : range_.Append(leaf)) {
    if (levels_.size() <= n.level) levels_.resize(n.level + 1);
    levels_[n.level].push_back(n.hash);
  }
}

Result<Hash> MemoryTree::GetNode(uint32_t level, uint64_t index) const {
  if (level >= levels_.size() || index >= levels_[level].size()) {
    return Status::NotFound("no node at level " + std::to_string(level) + " index " +
                            std::to_string(index));
  }
  return levels_[level][index];
}

}  // namespace jianmei::evidence
