// Test helpers for the HTTP API: a real server on 127.0.0.1 (ephemeral port) with a real SQLite
// file in a temporary JIANMEI_HOME, and assertions on the API's JSON and error shape. For the
// server's tests only.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "server/api_server.h"
#include "store/migrations.h"
#include "store/test_util.h"
#include "tests/test_screener.h"

namespace jianmei::server {

using nlohmann::json;

inline constexpr char kToken[] = "test-token-0123456789abcdef";
inline constexpr char kCalfPost[] = "小腿肌肉阻断术，没有副作用，不反弹，仅需39800";

// The OCR engine every test server reads images with, made once (each server's workers load
// Tesseract only when a post has images).
inline std::shared_ptr<const image::OcrEngine> TestOcr() {
  static const auto engine = [] {
    auto e = image::OcrEngine::Create();
    EXPECT_TRUE(e.ok()) << e.status().message();
    return e.ok() ? *e : nullptr;
  }();
  return engine;
}

// A server on 127.0.0.1, any free port, with its data in `home`; not bound yet.
inline std::unique_ptr<ApiServer> NewServer(ServerConfig config, const std::string& home) {
  config.host = "127.0.0.1";
  config.port = 0;
  auto store = store::ScreeningStore::Open(store::DatabasePath(home));
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  auto screener = testing::RepoScreener();
  auto registry =
      RegistryService::Open(store::DatabasePath(home),
                            std::shared_ptr<const kb::Knowledge>(screener, &screener->knowledge()));
  EXPECT_TRUE(registry.ok()) << registry.status().ToString();
  auto complaints = ComplaintService::Open(store::DatabasePath(home));
  EXPECT_TRUE(complaints.ok()) << complaints.status().ToString();
  return std::make_unique<ApiServer>(config, screener, std::move(*store), std::move(*registry),
                                     std::move(*complaints), TestOcr());
}

// A server on its own thread for the test's lifetime.
class RunningServer {
 public:
  explicit RunningServer(ServerConfig config, std::function<void(ApiServer&)> setup = {}) {
    server_ = NewServer(std::move(config), dir_.path());
    if (setup) setup(*server_);
    auto port = server_->Bind();
    EXPECT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~RunningServer() {
    server_->Stop();
    thread_.join();
  }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }
  ApiServer& server() { return *server_; }
  int port() const { return port_; }
  // The server's JIANMEI_HOME: its database is DatabasePath(home()).
  const std::string& home() const { return dir_.path(); }
  void Join() { thread_.join(); thread_ = std::thread([] {}); }

 private:
  store::TempDir dir_;
  std::unique_ptr<ApiServer> server_;
  int port_ = 0;
  std::thread thread_;
};

inline ServerConfig TestConfig() {
  ServerConfig c;
  c.token = kToken;
  c.max_body_bytes = 256 * 1024;
  c.max_batch = 50;
  c.max_text_bytes = 8 * 1024;
  c.rate_per_second = 0;
  c.threads = 4;
  return c;
}

inline json Body(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no response: " << httplib::to_string(r.error());
  if (!r) return json();
  EXPECT_NE(r->get_header_value("Content-Type").find("application/json"), std::string::npos);
  return json::parse(r->body, nullptr, /*allow_exceptions=*/false);
}

// Asserts the API's error shape with a message that says something.
inline void ExpectError(const httplib::Result& r, int status, const std::string& code,
                 const std::string& message_part = "") {
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, status) << r->body;
  json j = Body(r);
  ASSERT_TRUE(j.contains("error")) << r->body;
  EXPECT_EQ(j["error"]["code"], code) << r->body;
  const std::string message = j["error"].value("message", "");
  EXPECT_FALSE(message.empty());
  EXPECT_NE(message.find(message_part), std::string::npos) << message;
}

inline httplib::Result PostJson(httplib::Client& c, const std::string& path, const std::string& body,
                         const std::string& token = "") {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return c.Post(path.c_str(), headers, body, "application/json");
}

class ApiTest : public ::testing::Test {
 protected:
  RunningServer server_{TestConfig()};
  httplib::Client client_ = server_.Client();
};

}  // namespace jianmei::server
