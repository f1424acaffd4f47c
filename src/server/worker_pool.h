// WorkerPool: a fixed number of threads that run the API's handlers (screening is CPU-heavy), so
// that the I/O threads never block on them. Its queue is bounded by the connections: each
// connection hands it at most one request at a time (server/http_connection.h). Thread-safe;
// Stop() runs what is queued, then joins.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace jianmei::server {

class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job`; false once stopping (the job is not run).
  bool Submit(std::function<void()> job);
  // Lets the threads finish every queued job, then joins them. Idempotent.
  void Stop();

 private:
  void Loop();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace jianmei::server
