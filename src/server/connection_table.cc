#include "server/connection_table.h"

namespace jianmei::server {

ConnectionTable::Admission ConnectionTable::Add(const void* key, const std::string& address,
                                                std::weak_ptr<HttpConnection> connection) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= max_total_) return Admission::kTooManyInTotal;
  size_t& from_address = per_address_[address];
  if (from_address >= max_per_address_) return Admission::kTooManyFromAddress;
  ++from_address;
  entries_.emplace(key, Entry{address, std::move(connection)});
  return Admission::kAdmitted;
}

size_t ConnectionTable::Remove(const void* key) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return entries_.size();
  auto count = per_address_.find(it->second.address);
  // Dropped at zero so that the map holds only addresses with open connections.
  if (count != per_address_.end() && --count->second == 0) per_address_.erase(count);
  entries_.erase(it);
  return entries_.size();
}

std::vector<std::shared_ptr<HttpConnection>> ConnectionTable::Live() const {
  std::lock_guard lock(mu_);
  std::vector<std::shared_ptr<HttpConnection>> live;
  for (const auto& [key, entry] : entries_) {
    if (auto c = entry.connection.lock()) live.push_back(std::move(c));
  }
  return live;
}

size_t ConnectionTable::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace jianmei::server
