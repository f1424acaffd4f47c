#include "server/config.h"

#include <gtest/gtest.h>

#include <fstream>

#include "store/test_util.h"

namespace jianmei::server {
namespace {

std::string Write(const store::TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.path() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(ServerConfig, ReadsEveryKeyOverTheDefaults) {
  store::TempDir dir;
  const std::string token_file = Write(dir, "token", "abcdefghijklmnopqrstuvwxyz\n");
  ServerConfig c;
  Status s = LoadServerConfig(Write(dir, "c.toml",
                                    "[server]\nhost = \"0.0.0.0\"\nport = 9000\nmax_batch = 10\n"
                                    "max_body_bytes = 1024\nmax_text_bytes = 100\nrate_per_second = 2.5\n"
                                    "rate_burst = 5\nthreads = 3\nweb_dir = \"w\"\n"
                                    "token_file = \"" + token_file + "\"\n"),
                              &c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c.host, "0.0.0.0");
  EXPECT_EQ(c.port, 9000);
  EXPECT_EQ(c.max_batch, 10u);
  EXPECT_EQ(c.max_body_bytes, 1024u);
  EXPECT_EQ(c.max_text_bytes, 100u);
  EXPECT_DOUBLE_EQ(c.rate_per_second, 2.5);
  EXPECT_DOUBLE_EQ(c.rate_burst, 5);
  EXPECT_EQ(c.threads, 3);
  EXPECT_EQ(c.web_dir, "w");
  EXPECT_EQ(c.token, "abcdefghijklmnopqrstuvwxyz");
}

TEST(ServerConfig, ReadsTheConnectionLimits) {
  store::TempDir dir;
  ServerConfig c;
  Status s = LoadServerConfig(
      Write(dir, "c.toml",
            "[server]\nio_threads = 3\nmax_connections = 500\nmax_connections_per_address = 20\n"
            "max_header_bytes = 4096\nmax_uri_bytes = 1024\nheader_timeout_ms = 2000\n"
            "request_timeout_ms = 4000\nkeep_alive_timeout_ms = 1500\nwrite_timeout_ms = 3000\n"
            "drain_timeout_ms = 0\nclose_linger_ms = 200\n"),
      &c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c.io_threads, 3);
  EXPECT_EQ(c.max_connections, 500u);
  EXPECT_EQ(c.max_connections_per_address, 20u);
  EXPECT_EQ(c.max_header_bytes, 4096u);
  EXPECT_EQ(c.max_uri_bytes, 1024u);
  EXPECT_EQ(c.header_timeout_ms, 2000);
  EXPECT_EQ(c.request_timeout_ms, 4000);
  EXPECT_EQ(c.keep_alive_timeout_ms, 1500);
  EXPECT_EQ(c.write_timeout_ms, 3000);
  EXPECT_EQ(c.drain_timeout_ms, 0);
  EXPECT_EQ(c.close_linger_ms, 200);
  // The defaults doc/api.md documents.
  const ServerConfig d;
  EXPECT_EQ(d.io_threads, 1);
  EXPECT_EQ(d.drain_timeout_ms, 10000);
  EXPECT_EQ(d.header_timeout_ms, 10000);
  EXPECT_EQ(d.max_connections_per_address, 256u);
}

TEST(ServerConfig, ErrorsNameFileKeyAndWhy) {
  store::TempDir dir;
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"[server]\nport = \"80\"\n", "[server] port: must be an integer"},
      {"[server]\nport = 70000\n", "port: must be between 0 and 65535"},
      {"[server]\nprot = 1\n", "prot: unknown key"},
      {"[server]\nthreads = 40000\n", "[server] threads: must be between 1 and 1024"},
      {"[server]\nthreads = 0\n", "[server] threads: must be between 1 and 1024"},
      {"[server]\ntoken = \"short\"\n", "token: must be at least 16"},
      {"[server]\nrate_per_second = -1\n", "rate_per_second: must be a number"},
      {"[server]\nrate_burst = 0.5\n", "rate_burst: must be 0 (no limit) or at least 1"},
      {"[server]\ntoken_file = \"/nonexistent/x\"\n", "token_file: cannot read"},
      {"[server]\nio_threads = 0\n", "io_threads: must be between 1 and 64"},
      {"[server]\nheader_timeout_ms = 40000\n", "request_timeout_ms: must be at least header_timeout_ms"},
      {"[server]\nmax_uri_bytes = 20000\n", "max_uri_bytes: must be at most max_header_bytes"},
      {"[server]\nmax_connections = 0\n", "max_connections: must be between 1"},
      {"[serve]\n", "unknown table or key \"serve\""},
      {"[server\n", "c.toml:1"},
  };
  for (const Case& k : cases) {
    ServerConfig c;
    Status s = LoadServerConfig(Write(dir, "c.toml", k.text), &c);
    ASSERT_FALSE(s.ok()) << k.text;
    EXPECT_NE(s.message().find(k.message), std::string::npos) << k.text << " → " << s.message();
  }
}

TEST(ServerConfig, KnowsLoopbackHosts) {
  for (const char* host :
       {"127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "localhost", "LocalHost"}) {
    EXPECT_TRUE(IsLoopbackHost(host)) << host;
  }
  for (const char* host : {"0.0.0.0", "::", "", "192.168.1.5", "127.0.0.1.example",
                           "localhost.example", "1127.0.0.1", "::ffff:10.0.0.1"}) {
    EXPECT_FALSE(IsLoopbackHost(host)) << host;
  }
}

}  // namespace
}  // namespace jianmei::server
