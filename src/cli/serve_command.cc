#include "cli/serve_command.h"

#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/image_options.h"
#include "cli/registry_home.h"
#include "server/api_server.h"
#include "store/migrations.h"

namespace jianmei::cli {
namespace {

struct ServeOptions {
  std::string config, host, web;
  int port = -1;
};

// The UI directory: --web, the config's web_dir, $JIANMEI_WEB, ./web, or the source tree's web/.
// A directory that was named must exist (ApiServer::Bind says so); the source tree is only a
// guess, so without it the API is served alone.
std::string ResolveWebDir(const ServeOptions& o, const std::string& configured) {
  if (!o.web.empty()) return o.web;
  if (!configured.empty()) return configured;
  if (const char* env = std::getenv("JIANMEI_WEB"); env && *env) return env;
  std::error_code ec;
  if (std::filesystem::is_directory("web/public", ec)) return "web";
  if (std::filesystem::is_directory(JIANMEI_DEFAULT_WEB_DIR "/public", ec)) {
    return JIANMEI_DEFAULT_WEB_DIR;
  }
  std::cerr << "jianmei serve: no web UI: " << JIANMEI_DEFAULT_WEB_DIR
            << "/public is missing; --web DIR serves one\n";
  return "";
}

// Each open connection is a descriptor: the soft limit (often 1024) would refuse connections long
// before max_connections, so it is raised to the hard limit.
void RaiseDescriptorLimit(size_t wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= wanted) return;
  limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, wanted);
  setrlimit(RLIMIT_NOFILE, &limit);
}

int Serve(const ServeOptions& o, const GlobalOptions& global) {
  server::ServerConfig config;
  if (!o.config.empty()) {
    if (Status s = server::LoadServerConfig(o.config, &config); !s.ok()) {
      std::cerr << "jianmei serve: " << s.message() << "\n";
      return kExitFailure;
    }
  }
  if (!o.host.empty()) config.host = o.host;
  if (o.port >= 0) config.port = o.port;
  config.web_dir = ResolveWebDir(o, config.web_dir);
  // Connections, plus the database, the web files and the listening socket.
  RaiseDescriptorLimit(config.max_connections + 64);

  const std::string home = JianmeiHome();
  std::error_code ec;
  std::filesystem::create_directories(home, ec);
  auto store = store::ScreeningStore::Open(store::DatabasePath(home));
  if (!store.ok()) {
    std::cerr << "jianmei serve: " << store.status().ToString() << "\n";
    return kExitFailure;
  }
  auto screener = LoadScreener(global);
  if (!screener.ok()) {
    std::cerr << "jianmei serve: " << screener.status().ToString() << "\n";
    return kExitFailure;
  }

  // SIGTERM / SIGINT are taken by one thread (every thread created after this inherits the
  // block), which stops the server; Run() then returns once requests in flight are answered or
  // drain_timeout_ms has passed.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGUSR1);  // wakes the signal thread when the server ends on its own
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // The registry shares the screener's knowledge base (an aliasing pointer keeps it alive).
  std::shared_ptr<const kb::Knowledge> kb(*screener, &(*screener)->knowledge());
  auto registry = server::RegistryService::Open(store::DatabasePath(home), kb);
  if (!registry.ok()) {
    std::cerr << "jianmei serve: registry: " << registry.status().ToString() << "\n";
    return kExitFailure;
  }

  auto complaints = server::ComplaintService::Open(store::DatabasePath(home));
  if (!complaints.ok()) {
    std::cerr << "jianmei serve: complaints: " << complaints.status().ToString() << "\n";
    return kExitFailure;
  }

  server::ApiServer api(config, *screener, std::move(*store), std::move(*registry), std::move(*complaints),
                        LoadOcrEngine(config.ocr, "serve", image::LanguageCheck::kAtCreate));
  auto port = api.Bind();
  if (!port.ok()) {
    std::cerr << "jianmei serve: " << port.status().message() << "\n";
    return kExitFailure;
  }
  std::thread signal_thread([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (sig != SIGUSR1) {
      std::cerr << "jianmei serve: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT")
                << ": finishing requests in flight\n";
      api.Stop();
    }
  });
  std::cerr << "jianmei serve: listening on http://" << config.host << ":" << *port << "/ ("
            << (config.web_dir.empty() ? "no UI" : "UI from " + config.web_dir) << ", data in "
            << home << ", storing "
            << (config.token.empty() ? "disabled: no token" : "needs the bearer token") << ")\n";
  if (!server::IsLoopbackHost(config.host)) {
    std::cerr << "jianmei serve: warning: " << config.host
              << " is not a loopback address: anyone who can reach it may screen posts and read "
                 "stored findings and the registry\n";
  }
  std::cout << "listening on " << config.host << ":" << *port << std::endl;
  api.Run();
  pthread_kill(signal_thread.native_handle(), SIGUSR1);
  signal_thread.join();
  std::cerr << "jianmei serve: stopped\n";
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "HTTP API under /api/v1/, /metrics, /healthz and the web UI at / (doc/api.md). "
               "Data in $JIANMEI_HOME (default ./.jianmei). Stops on SIGTERM after answering "
               "the requests in flight (within drain_timeout_ms). Exit 0 after a clean stop, 2 on "
               "failure.");
  cmd->add_option("--config", o->config, "TOML file with a [server] table (doc/api.md)");
  cmd->add_option("--host", o->host, "address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", o->port, "port to listen on; 0 = any free port (default 8080)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--web", o->web, "web UI directory (default: $JIANMEI_WEB, ./web, or the source tree's web/)");
  cmd->callback([o, &global, exit_code] { *exit_code = Serve(*o, global); });
}

}  // namespace jianmei::cli
