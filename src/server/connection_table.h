// ConnectionTable: the server's open connections, counted in total and per client address so
// that neither count passes its cap (one address cannot take every connection). Holds weak
// references only: a connection owns itself through its pending I/O. Thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace jianmei::server {

class HttpConnection;

class ConnectionTable {
 public:
  ConnectionTable(size_t max_total, size_t max_per_address)
      : max_total_(max_total), max_per_address_(max_per_address) {}
  ConnectionTable(const ConnectionTable&) = delete;
  ConnectionTable& operator=(const ConnectionTable&) = delete;

  enum class Admission { kAdmitted, kTooManyInTotal, kTooManyFromAddress };
  // Counts a new connection from `address` unless a cap is reached. `key` identifies it for
  // Remove.
  Admission Add(const void* key, const std::string& address, std::weak_ptr<HttpConnection> connection);
  // Uncounts it; returns how many remain.
  size_t Remove(const void* key);
  // The connections still alive.
  std::vector<std::shared_ptr<HttpConnection>> Live() const;
  size_t size() const;

 private:
  struct Entry {
    std::string address;
    std::weak_ptr<HttpConnection> connection;
  };
  const size_t max_total_, max_per_address_;
  mutable std::mutex mu_;
  std::map<const void*, Entry> entries_;
  std::unordered_map<std::string, size_t> per_address_;
};

}  // namespace jianmei::server
