#include "server/api_server.h"

#include <strings.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "server/http_json.h"

namespace jianmei::server {
namespace {

using Clock = std::chrono::steady_clock;

// No endpoint takes a form; curl -d sends one unless given a Content-Type, so a form gets a 413
// that says what to send instead once it passes a small limit (the 415 otherwise says so too).
constexpr size_t kFormBodyLimit = 8192;

// Refuses before the body is read; the connection then closes, so the unread body is never
// taken for a next request.
bool Refuse(Response& res, int status, std::string_view code, std::string_view message) {
  SendError(res, status, code, message);
  res.close = true;
  return false;
}

HttpServerOptions ConnectionOptions(const ServerConfig& c) {
  using ms = std::chrono::milliseconds;
  HttpServerOptions o;
  o.limits = {c.max_header_bytes, c.max_uri_bytes, c.max_body_bytes};
  o.io_threads = c.io_threads;
  o.worker_threads = c.threads;
  o.max_connections = c.max_connections;
  o.max_connections_per_address = c.max_connections_per_address;
  o.header_timeout = ms(c.header_timeout_ms);
  o.request_timeout = ms(c.request_timeout_ms);
  o.keep_alive_timeout = ms(c.keep_alive_timeout_ms);
  o.write_timeout = ms(c.write_timeout_ms);
  o.drain_timeout = ms(c.drain_timeout_ms);
  o.close_linger = ms(c.close_linger_ms);
  o.default_headers.Add("X-Content-Type-Options", "nosniff");
  o.default_headers.Add("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'");
  o.default_headers.Add("Referrer-Policy", "no-referrer");
  return o;
}

}  // namespace

ApiServer::ApiServer(ServerConfig config, std::shared_ptr<const screen::Screener> screener,
                     std::unique_ptr<store::ScreeningStore> store,
                     std::unique_ptr<RegistryService> registry,
                     std::unique_ptr<ComplaintService> complaints,
                     std::shared_ptr<const image::OcrEngine> ocr)
    : config_(std::move(config)),
      screener_(std::move(screener)),
      ocr_(std::move(ocr)),
      store_(std::move(store)),
      registry_(std::move(registry)),
      complaints_(std::move(complaints)),
      limiter_(config_.rate_per_second, config_.rate_burst) {
  pipeline_.store(screen::Pipeline::Create(screener_, registry_ ? registry_->names() : nullptr, ocr_));
  AddRoutes();
  HttpHandlers handlers;
  handlers.admit = [this](const Request& head, BodyLimit* body_limit, Response& res) {
    return Admit(head, body_limit, res);
  };
  handlers.handle = [this](const Request& req, Response& res) { Handle(req, res); };
  handlers.refused = [this](int status) { metrics_.CountRefusal(status); };
  http_ = std::make_unique<HttpServer>(ConnectionOptions(config_), std::move(handlers));
}

bool ApiServer::Admit(const Request& head, BodyLimit* body_limit, Response& res) {
  const Clock::time_point now = Clock::now();
  // Counted here, with no latency, since the handler never sees them.
  const auto refuse = [&](int status, std::string_view code, std::string_view message) {
    Refuse(res, status, code, message);
    metrics_.ObserveRequest(head.method, status, 0);
    return false;
  };
  if (!limiter_.Allow(head.remote_addr, now)) {
    res.SetHeader("Retry-After", std::to_string(limiter_.RetryAfterSeconds()));
    return refuse(429, "rate_limited", "too many requests from " + head.remote_addr + "; slow down");
  }
  // Bodies are never inflated: 61 KB of gzip can become 60 MiB, past any body limit.
  if (head.HasHeader("Content-Encoding")) {
    return refuse(415, "unsupported_media_type",
                  "Content-Encoding: " + head.Header("Content-Encoding").substr(0, 40) +
                      ": compressed request bodies are not accepted (inflated, they could pass the "
                      "limit of " +
                      std::to_string(config_.max_body_bytes) + " bytes); send the body uncompressed");
  }
  // Several ranges would send a file once per range (`bytes=0-,0-,…`); nothing needs more than one.
  if (const size_t ranges = RangeCount(head.Header("Range")); ranges > 1) {
    return refuse(416, "range_not_satisfiable",
                  "Range: " + std::to_string(ranges) + " ranges; only one range per request is served");
  }
  if (head.Header("Content-Type").starts_with("application/x-www-form-urlencoded")) {
    body_limit->bytes = std::min(body_limit->bytes, kFormBodyLimit);
    body_limit->too_large = "request body is larger than the limit for application/x-www-form-urlencoded, " +
                            std::to_string(body_limit->bytes) +
                            " bytes (curl -d sends that type unless told otherwise): send JSON with "
                            "Content-Type: application/json (limit " +
                            std::to_string(config_.max_body_bytes) + " bytes)";
    // A declared length is refused before the body is read; a chunked body when it passes.
    if (head.content_length && *head.content_length > body_limit->bytes) {
      return refuse(413, "payload_too_large", body_limit->too_large);
    }
  }
  return true;
}

void ApiServer::Handle(const Request& req, Response& res) {
  const Clock::time_point start = Clock::now();
  if (!static_files_.Serve(req, res)) router_.Dispatch(req, res);
  // Counted just before the answer is written, so a client that has its answer sees it counted.
  metrics_.ObserveRequest(req.method, res.status,
                          std::chrono::duration<double>(Clock::now() - start).count());
}

void ApiServer::AddRoutes() {
  using R = const Request&;
  using W = Response&;
  using M = const std::smatch&;
  router_.Add("POST", "/api/v1/screen", [this](R req, W res, M) { Screen(req, res); });
  router_.Add("GET", "/api/v1/procedures", [this](R req, W res, M) { SearchProcedures(req, res); });
  router_.Add("GET", "/api/v1/procedures/([^/]+)", [this](R, W res, M m) { GetProcedure(m[1], res); });
  router_.Add("GET", "/api/v1/institutions", [this](R req, W res, M) { SearchInstitutions(req, res); });
  router_.Add("GET", "/api/v1/institutions/([^/]+)", [this](R, W res, M m) { GetInstitution(m[1], res); });
  router_.Add("POST", "/api/v1/qualify", [this](R req, W res, M) { Qualify(req, res); });
  router_.Add("POST", "/api/v1/registry", [this](R req, W res, M) { ImportRegistry(req, res); });
  router_.Add("GET", "/api/v1/stats", [this](R req, W res, M) { GetStats(req, res); });
  router_.Add("GET", "/healthz", [this](R, W res, M) { GetHealth(res); });
  router_.Add("GET", "/metrics", [this](R, W res, M) {
    res.SetContent(metrics_.Render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

Result<int> ApiServer::Bind() {
  if (!config_.web_dir.empty()) {
    // Optional: without it the dashboard says that the chart library is missing (`make deps`).
    static_files_.Mount("/vendor/echarts", config_.web_dir + "/node_modules/echarts/dist");
    const std::string ui = config_.web_dir + "/public";
    if (!static_files_.Mount("/", ui)) {
      return Status::InvalidArgument("web UI directory " + ui +
                                     " does not exist or is not a directory (--web, web_dir or "
                                     "$JIANMEI_WEB names the directory that holds public/)");
    }
  }
  return http_->Bind(config_.host, config_.port);
}

void ApiServer::Run() { http_->Run(); }

void ApiServer::Stop() { http_->Stop(); }

bool ApiServer::Authorized(const Request& req, Response& res) const {
  if (config_.token.empty()) {
    SendError(res, 403, "forbidden", "writing is disabled: the server has no token configured");
    return false;
  }
  const std::string header = req.Header("Authorization");
  // RFC 9110 §11.1, §11.4: "Bearer" in any case, then one or more spaces, then the token.
  constexpr std::string_view kScheme = "Bearer";
  const bool bearer = header.size() > kScheme.size() && header[kScheme.size()] == ' ' &&
                      strncasecmp(header.data(), kScheme.data(), kScheme.size()) == 0;
  std::string_view token;
  if (bearer) {
    token = std::string_view(header).substr(kScheme.size());
    token.remove_prefix(std::min(token.size(), token.find_first_not_of(' ')));
  }
  // Compare in time independent of where the first difference is.
  const std::string& expected = config_.token;
  unsigned char diff = !bearer || token.size() != expected.size();
  for (size_t i = 0; i < expected.size(); ++i) {
    diff |= static_cast<unsigned char>(expected[i] ^ (i < token.size() ? token[i] : 0));
  }
  if (diff != 0) {
    res.SetHeader("WWW-Authenticate", "Bearer");
    SendError(res, 401, "unauthorized",
              header.empty() ? "this needs an Authorization: Bearer token"
              : !bearer      ? "the Authorization scheme must be Bearer, followed by the token"
                             : "wrong bearer token");
    return false;
  }
  return true;
}

std::shared_ptr<const screen::Pipeline> ApiServer::CurrentPipeline() {
  std::shared_ptr<const screen::Pipeline> p = pipeline_.load(std::memory_order_acquire);
  auto names = registry_ ? registry_->names() : nullptr;
  if (p->names() == names) return p;
  // Two requests may both build one after an import; either serves.
  p = screen::Pipeline::Create(screener_, std::move(names), ocr_);
  pipeline_.store(p, std::memory_order_release);
  return p;
}

}  // namespace jianmei::server
