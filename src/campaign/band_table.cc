#include "campaign/band_table.h"

namespace jianmei::campaign {
namespace {

size_t SlotOf(uint32_t key, size_t mask) {
  return static_cast<size_t>((key * 0x9e3779b97f4a7c15ULL) >> 20) & mask;
}

}  // namespace

BandTable::BandTable(int bands) : tables_(bands) {
  for (Table& t : tables_) t.slots.assign(1024, Slot{0, kNone});
}

size_t BandTable::Probe(const Table& t, uint32_t key) {
  const size_t mask = t.slots.size() - 1;
  size_t i = SlotOf(key, mask);
  while (t.slots[i].head != kNone && t.slots[i].key != key) i = (i + 1) & mask;
  return i;
}

void BandTable::Grow(Table* t) {
  std::vector<Slot> old(t->slots.size() * 2, Slot{0, kNone});
  old.swap(t->slots);
  for (const Slot& s : old) {
    if (s.head != kNone) t->slots[Probe(*t, s.key)] = s;
  }
}

uint32_t BandTable::Head(int band, uint32_t key) const {
  const Table& t = tables_[band];
  return t.slots[Probe(t, key)].head;
}

uint32_t BandTable::Insert(std::span<const uint32_t> keys) {
  const uint32_t doc = documents_++;
  for (int band = 0; band < bands(); ++band) {
    Table& t = tables_[band];
    if ((t.used + 1) * 2 > t.slots.size()) Grow(&t);
    Slot& s = t.slots[Probe(t, keys[band])];
    if (s.head == kNone) {
      ++t.used;
      s.key = keys[band];
    }
    next_.push_back(s.head);
    s.head = doc;
  }
  return doc;
}

uint32_t BandTable::InsertEmpty() {
  next_.insert(next_.end(), tables_.size(), kNone);
  return documents_++;
}

size_t BandTable::MemoryBytes() const {
  size_t bytes = next_.capacity() * sizeof(uint32_t);
  for (const Table& t : tables_) bytes += t.slots.capacity() * sizeof(Slot);
  return bytes;
}

}  // namespace jianmei::campaign
