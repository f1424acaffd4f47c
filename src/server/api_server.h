// ApiServer: `jianmei serve` — the HTTP API under /api/v1/, /healthz, /metrics and the static web
// UI (doc/api.md). Owns the HttpServer (server/http_server.h) that reads and writes the wire;
// its handlers see only our Request and Response. Screens through the shared immutable Pipeline of
// the Screener and the registry's institution names (the same as `scan`); stores
// screenings in a ScreeningStore; serves and imports the registry through a RegistryService;
// counts an institution's archived complaints through a ComplaintService. Bind() then Run()
// (blocking, on any thread); Stop() from any thread stops accepting and lets requests in flight
// finish (within config.drain_timeout_ms) before Run() returns.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include "core/status.h"
#include "screen/pipeline.h"
#include "screen/screener.h"
#include "server/complaint_service.h"
#include "server/config.h"
#include "server/http_message.h"
#include "server/http_server.h"
#include "server/metrics.h"
#include "server/rate_limiter.h"
#include "server/registry_service.h"
#include "server/router.h"
#include "server/scratch_pool.h"
#include "server/static_files.h"
#include "store/screening_store.h"

namespace jianmei::server {

class ApiServer {
 public:
  ApiServer(ServerConfig config, std::shared_ptr<const screen::Screener> screener,
            std::unique_ptr<store::ScreeningStore> store, std::unique_ptr<RegistryService> registry,
            std::unique_ptr<ComplaintService> complaints,
            // Reads the images of posts; null: each image is an error ("not read: …").
            std::shared_ptr<const image::OcrEngine> ocr = nullptr);
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Mounts the web UI (an error when config.web_dir has no public/ directory), then binds
  // config.host:config.port (0 = a free port); returns the port.
  Result<int> Bind();
  // Serves until Stop(); returns once every request in flight has been answered.
  void Run();
  void Stop();

  // Test seam: called inside POST /api/v1/screen before screening (to hold a request in flight).
  void SetScreenHookForTest(std::function<void()> hook) { screen_hook_ = std::move(hook); }

 private:
  void AddRoutes();
  // On an I/O thread with a request's header: refusals that must come before the body is read.
  bool Admit(const Request& head, BodyLimit* body_limit, Response& res);
  // On a worker thread with the whole request: static files, then the routes.
  void Handle(const Request& req, Response& res);
  void Screen(const Request& req, Response& res);
  void SearchProcedures(const Request& req, Response& res);
  void GetProcedure(const std::string& id, Response& res);
  void GetStats(const Request& req, Response& res);
  void GetHealth(Response& res);
  void SearchInstitutions(const Request& req, Response& res);
  void GetInstitution(const std::string& licence, Response& res);
  void Qualify(const Request& req, Response& res);
  void ImportRegistry(const Request& req, Response& res);
  bool Authorized(const Request& req, Response& res) const;
  // The pipeline over the screener and the registry as it is now (rebuilt after an import).
  std::shared_ptr<const screen::Pipeline> CurrentPipeline();

  ServerConfig config_;
  std::shared_ptr<const screen::Screener> screener_;
  std::shared_ptr<const image::OcrEngine> ocr_;
  std::atomic<std::shared_ptr<const screen::Pipeline>> pipeline_;
  std::unique_ptr<store::ScreeningStore> store_;
  std::unique_ptr<RegistryService> registry_;
  std::unique_ptr<ComplaintService> complaints_;
  Metrics metrics_;
  RateLimiter limiter_;
  ScratchPool scratch_;
  Router router_;
  StaticFiles static_files_;
  std::unique_ptr<HttpServer> http_;
  std::function<void()> screen_hook_;
};

}  // namespace jianmei::server
