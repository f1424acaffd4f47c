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

// Set when a request is routed, read when it is answered; one request at a time per worker thread.
thread_local Clock::time_point request_start;

// Answers with the API's error and ends the connection. A refusal before routing leaves the body
// unread, and cpp-httplib would parse what is left of it as the next request on a kept-alive
// connection. cpp-httplib 0.11.4 closes a connection only when writing the answer fails, so the
// answer goes out through a content provider that reports failure once it has written all.
void RefuseAndClose(const httplib::Request& req, httplib::Response& res, int status,
                    std::string_view code, std::string_view message) {
  // A Range header would cut or multiply the error itself. cpp-httplib's own Request is not
  // const: it hands it to the pre-routing handler as const only.
  const_cast<httplib::Request&>(req).ranges.clear();
  SendError(res, status, code, message);
  auto body = std::make_shared<std::string>(std::move(res.body));
  res.body.clear();
  res.headers.erase("Content-Type");
  res.set_header("Connection", "close");
  res.set_content_provider(body->size(), "application/json; charset=utf-8",
                           [body](size_t offset, size_t length, httplib::DataSink& sink) {
                             sink.write(body->data() + offset, length);
                             return false;
                           });
}

// Why the Content-Length headers are unusable, if they are. cpp-httplib reads them with strtoull,
// which takes "-5" for 2^64 - 5 (a false 413) and "5x" for 5; RFC 9112 §6.3 makes a bad one an
// error that ends the connection.
std::optional<std::string> BadContentLength(const httplib::Request& req) {
  const size_t count = req.get_header_value_count("Content-Length");
  for (size_t i = 0; i < count; ++i) {
    const std::string value = req.get_header_value("Content-Length", i);
    if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) {
      return "Content-Length: " + value.substr(0, 40) + " is not a byte count (digits only)";
    }
    if (value != req.get_header_value("Content-Length")) {
      return "Content-Length: given twice with different values";
    }
  }
  return std::nullopt;
}

// The 413 message. cpp-httplib also answers 413 for a form-urlencoded body over its own 8 KB
// limit, which is what `curl -d` sends unless given a Content-Type.
std::string TooLargeMessage(const httplib::Request& req, size_t max_body_bytes) {
  const std::string limit = std::to_string(max_body_bytes) + " bytes";
  if (req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
    return "request body is larger than the limit for application/x-www-form-urlencoded, " +
           std::to_string(CPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH) +
           " bytes (curl -d sends that type unless told otherwise): send JSON with Content-Type: "
           "application/json (limit " +
           limit + ")";
  }
  return "request body is larger than the limit of " + limit;
}

}  // namespace

ApiServer::ApiServer(ServerConfig config, std::shared_ptr<const screen::Screener> screener,
                     std::unique_ptr<store::ScreeningStore> store,
                     std::unique_ptr<RegistryService> registry,
                     std::unique_ptr<ComplaintService> complaints)
    : config_(std::move(config)),
      screener_(std::move(screener)),
      store_(std::move(store)),
      registry_(std::move(registry)),
      complaints_(std::move(complaints)),
      limiter_(config_.rate_per_second, config_.rate_burst) {
  pipeline_.store(screen::Pipeline::Create(screener_, registry_ ? registry_->names() : nullptr));
  const size_t threads = static_cast<size_t>(config_.threads);
  http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_.set_payload_max_length(config_.max_body_bytes);
  http_.set_keep_alive_max_count(1000);
  // Headers and body go out in separate writes: without this, Nagle and delayed ACKs add ~40 ms.
  http_.set_tcp_nodelay(true);
  http_.set_read_timeout(5, 0);
  http_.set_write_timeout(5, 0);
  http_.set_default_headers({
      {"X-Content-Type-Options", "nosniff"},
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'"},
      {"Referrer-Policy", "no-referrer"},
  });
  http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    request_start = Clock::now();
    if (!limiter_.Allow(req.remote_addr, request_start)) {
      res.set_header("Retry-After", std::to_string(limiter_.RetryAfterSeconds()));
      RefuseAndClose(req, res, 429, "rate_limited",
                     "too many requests from " + req.remote_addr + "; slow down");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (auto why = BadContentLength(req)) {
      RefuseAndClose(req, res, 400, "bad_request", *why);
      return httplib::Server::HandlerResponse::Handled;
    }
    // cpp-httplib inflates gzip, deflate and br bodies and applies max_body_bytes to the
    // compressed bytes only: 61 KB of gzip became a 60 MiB body. Refused before it is read.
    if (req.has_header("Content-Encoding")) {
      RefuseAndClose(
          req, res, 415, "unsupported_media_type",
          "Content-Encoding: " + req.get_header_value("Content-Encoding").substr(0, 40) +
              ": compressed request bodies are not accepted (inflated, they could pass the "
              "limit of " +
              std::to_string(config_.max_body_bytes) + " bytes); send the body uncompressed");
      return httplib::Server::HandlerResponse::Handled;
    }
    // cpp-httplib answers each range of `bytes=0-,0-,…` with the whole file: 50 ranges of
    // echarts.min.js made 56 MB. Nothing here needs more than one.
    if (req.ranges.size() > 1) {
      RefuseAndClose(req, res, 416, "range_not_satisfiable",
                     "Range: " + std::to_string(req.ranges.size()) +
                         " ranges; only one range per request is served");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Answers cpp-httplib makes itself (413, 400 for an unreadable request, 404 for a missing
  // static file) get the API's JSON error body; answers that already have a body keep it.
  http_.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        // content_length_ is set by RefuseAndClose's content provider, which holds the body.
        if (!res.body.empty() || res.content_length_ > 0)
          return httplib::Server::HandlerResponse::Unhandled;
        std::string message = "HTTP " + std::to_string(res.status);
        if (res.status == 413) message = TooLargeMessage(req, config_.max_body_bytes);
        if (res.status == 404) message = "no such resource: " + req.path.substr(0, 200);
        SendError(res, res.status, ErrorCodeFor(res.status), message);
        return httplib::Server::HandlerResponse::Handled;
      }));
  http_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SendError(res, 500, "internal", "internal error");
  });
  // Counted just before the answer is written, so a client that has its answer sees it counted.
  http_.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    const double seconds =
        request_start == Clock::time_point{}
            ? 0
            : std::chrono::duration<double>(Clock::now() - request_start).count();
    request_start = {};
    metrics_.ObserveRequest(req.method, res.status, seconds);
  });
  AddRoutes();
  auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
    router_.Dispatch(req, res);
  };
  http_.Get(".*", dispatch);
  http_.Post(".*", dispatch);
  http_.Put(".*", dispatch);
  http_.Patch(".*", dispatch);
  http_.Delete(".*", dispatch);
  http_.Options(".*", dispatch);
}

void ApiServer::AddRoutes() {
  using R = const httplib::Request&;
  using W = httplib::Response&;
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
    res.set_content(metrics_.Render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

Result<int> ApiServer::Bind() {
  if (!config_.web_dir.empty()) {
    // Optional: without it the dashboard says that the chart library is missing (`make deps`).
    http_.set_mount_point("/vendor/echarts", config_.web_dir + "/node_modules/echarts/dist");
    const std::string ui = config_.web_dir + "/public";
    if (!http_.set_mount_point("/", ui)) {
      return Status::InvalidArgument("web UI directory " + ui +
                                     " does not exist or is not a directory (--web, web_dir or "
                                     "$JIANMEI_WEB names the directory that holds public/)");
    }
  }
  const int port = config_.port == 0 ? http_.bind_to_any_port(config_.host)
                                     : (http_.bind_to_port(config_.host, config_.port) ? config_.port : -1);
  if (port <= 0) {
    return Status::IoError("cannot listen on " + config_.host + ":" + std::to_string(config_.port));
  }
  return port;
}

void ApiServer::Run() { http_.listen_after_bind(); }

void ApiServer::Stop() { http_.stop(); }

bool ApiServer::Authorized(const httplib::Request& req, httplib::Response& res) const {
  if (config_.token.empty()) {
    SendError(res, 403, "forbidden", "writing is disabled: the server has no token configured");
    return false;
  }
  const std::string header = req.get_header_value("Authorization");
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
    res.set_header("WWW-Authenticate", "Bearer");
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
  p = screen::Pipeline::Create(screener_, std::move(names));
  pipeline_.store(p, std::memory_order_release);
  return p;
}

}  // namespace jianmei::server
