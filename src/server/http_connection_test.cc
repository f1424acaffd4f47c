// The connection model over real sockets (server/http_server.h): slow and idle clients cost no
// thread, pipelined requests are answered in order, protocol errors are answered at once with
// the JSON error shape, limits hold for every transfer coding, and Stop() drains within its
// deadline. Each was seen failing on cpp-httplib (main at 968f207): stalls of 5 s and more.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "server/test_server.h"

namespace jianmei::server {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A raw TCP connection to 127.0.0.1:port, for bytes httplib::Client will not send.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  }
  ~RawConnection() { close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  bool Send(const std::string& bytes) {
    return send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  // Reads until the server closes or nothing comes for `quiet`; returns what came.
  std::string ReadUntilClosed(milliseconds quiet = milliseconds(3000)) {
    std::string out;
    for (;;) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(quiet.count())) <= 0) return out;
      char buf[8192];
      const ssize_t n = recv(fd_, buf, sizeof(buf), 0);
      if (n <= 0) {
        closed_ = true;
        return out;
      }
      out.append(buf, static_cast<size_t>(n));
    }
  }
  // Reads until `answers` whole answers (status line … body by Content-Length) have come.
  std::string ReadAnswers(size_t answers, milliseconds timeout = milliseconds(3000)) {
    std::string out;
    const auto deadline = Clock::now() + timeout;
    while (CountComplete(out) < answers && Clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      char buf[8192];
      const ssize_t n = recv(fd_, buf, sizeof(buf), 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }
  bool closed() const { return closed_; }

  static size_t CountComplete(const std::string& s) {
    size_t n = 0, at = 0;
    for (;;) {
      const size_t head_end = s.find("\r\n\r\n", at);
      if (head_end == std::string::npos) return n;
      const size_t cl = s.find("Content-Length: ", at);
      size_t length = 0;
      if (cl != std::string::npos && cl < head_end) length = std::stoul(s.substr(cl + 16));
      if (s.size() < head_end + 4 + length) return n;
      at = head_end + 4 + length;
      ++n;
    }
  }

 private:
  int fd_;
  bool connected_ = false, closed_ = false;
};

int StatusOf(const std::string& answer) {
  return answer.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(answer.substr(9, 3)) : -1;
}

json BodyOf(const std::string& answer) {
  const size_t at = answer.find("\r\n\r\n");
  if (at == std::string::npos) return json();
  return json::parse(answer.substr(at + 4), nullptr, /*allow_exceptions=*/false);
}

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

TEST(HttpConnection, PipelinedRequestsAreAnsweredInOrder) {
  RunningServer server(TestConfig());
  RawConnection c(server.port());
  ASSERT_TRUE(c.connected());
  const auto start = Clock::now();
  ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                     "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                     "POST /api/v1/screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Length: 12\r\n\r\n{\"text\":\"a\"}"
                     "GET /api/v1/procedures HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  const std::string all = c.ReadUntilClosed();
  EXPECT_LT(MsSince(start), 1000) << "cpp-httplib answered one and stalled 5 s";
  EXPECT_TRUE(c.closed());
  std::vector<int> statuses;
  for (size_t at = 0; (at = all.find("HTTP/1.1 ", at)) != std::string::npos; at += 9) {
    statuses.push_back(std::stoi(all.substr(at + 9, 3)));
  }
  EXPECT_EQ(statuses, (std::vector<int>{200, 404, 200, 400})) << all;
}

struct ProtocolCase {
  const char* name;
  std::string bytes;
  int status;
  const char* code;
  const char* message_part;
};

// Answered at once (cpp-httplib took 5 s, with "HTTP 400" and no JSON), then closed.
TEST(HttpConnection, ProtocolErrorsAreAnsweredAtOnceInTheErrorShape) {
  RunningServer server(TestConfig());
  const std::vector<ProtocolCase> cases = {
      {"bare LF", "GET /healthz HTTP/1.1\nHost: x\n\n", 400, "bad_request", "bare LF"},
      {"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, "http_version_not_supported", "HTTP/2"},
      {"header too long", "GET /healthz HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n", 431,
       "header_too_large", "limit of 16384 bytes"},
      {"target too long", "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n", 414, "uri_too_long",
       "limit"},
      {"bad chunk size", "POST /api/v1/screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400, "bad_request", "chunk size"},
      {"bad Content-Length", "POST /api/v1/screen HTTP/1.1\r\nContent-Length: 5x\r\n\r\n", 400,
       "bad_request", "Content-Length: 5x"},
      {"endless chunk-size line", "POST /api/v1/screen HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                  "application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                      std::string(5000, '0'), 400, "bad_request", "chunk-size line"},
  };
  for (const ProtocolCase& c : cases) {
    RawConnection conn(server.port());
    ASSERT_TRUE(conn.connected());
    const auto start = Clock::now();
    conn.Send(c.bytes);
    const std::string answer = conn.ReadUntilClosed();
    EXPECT_LT(MsSince(start), 500) << c.name;
    EXPECT_EQ(StatusOf(answer), c.status) << c.name << ": " << answer;
    const json body = BodyOf(answer);
    EXPECT_EQ(body["error"].value("code", ""), c.code) << c.name << ": " << answer;
    EXPECT_NE(body["error"].value("message", "").find(c.message_part), std::string::npos)
        << c.name << ": " << answer;
    EXPECT_TRUE(conn.closed()) << c.name;
  }
}

// cpp-httplib read a chunked body whole before looking at its size: 6 MB was screened.
TEST(HttpConnection, AChunkedBodyOverTheLimitIs413AtOnce) {
  RunningServer server(TestConfig());  // max_body_bytes 256 KiB
  const std::string head =
      "POST /api/v1/screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  {
    RawConnection c(server.port());
    const auto start = Clock::now();
    c.Send(head + "6000000\r\n" + std::string(1000, 'a'));  // announces 96 MiB, sends 1 KB
    const std::string answer = c.ReadUntilClosed();
    EXPECT_LT(MsSince(start), 500);
    EXPECT_EQ(StatusOf(answer), 413) << answer;
    EXPECT_EQ(BodyOf(answer)["error"].value("code", ""), "payload_too_large");
    EXPECT_NE(BodyOf(answer)["error"].value("message", "").find("262144"), std::string::npos);
  }
  {
    // Many small chunks: refused at the chunk that passes the limit.
    RawConnection c(server.port());
    std::string chunks;
    for (int i = 0; i < 300; ++i) chunks += "400\r\n" + std::string(1024, 'a') + "\r\n";
    c.Send(head);
    c.Send(chunks);
    const std::string answer = c.ReadUntilClosed();
    EXPECT_EQ(StatusOf(answer), 413) << answer.substr(0, 300);
  }
  // Under the limit, chunked is read like any body.
  RawConnection ok(server.port());
  const std::string body = json({{"text", kCalfPost}}).dump();
  char size[16];
  snprintf(size, sizeof(size), "%zx", body.size());
  ok.Send(head + size + "\r\n" + body + "\r\n0\r\n\r\n");
  const std::string answer = ok.ReadAnswers(1);
  EXPECT_EQ(StatusOf(answer), 200) << answer;
  EXPECT_EQ(BodyOf(answer).value("verdict", ""), "violation") << answer;
}

// With 4 worker threads, cpp-httplib gave each of 4 idle keep-alives a thread for 5 s.
TEST(HttpConnection, IdleAndSlowClientsHoldNoWorker) {
  RunningServer server(TestConfig());
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 20; ++i) {
    auto c = std::make_unique<RawConnection>(server.port());
    ASSERT_TRUE(c->connected());
    if (i % 2 == 0) {
      c->Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");  // then idle, kept alive
      EXPECT_EQ(StatusOf(c->ReadAnswers(1)), 200);
    } else {
      c->Send("POST /api/v1/screen HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");  // slow body
    }
    slow.push_back(std::move(c));
  }
  auto client = server.Client();
  for (int i = 0; i < 10; ++i) {
    const auto start = Clock::now();
    auto r = client.Get("/healthz");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_LT(MsSince(start), 100) << i;
  }
}

TEST(HttpConnection, ConnectionsPerAddressAreCappedWith503) {
  ServerConfig config = TestConfig();
  config.max_connections_per_address = 3;
  RunningServer server(config);
  std::vector<std::unique_ptr<RawConnection>> open;
  for (int i = 0; i < 3; ++i) open.push_back(std::make_unique<RawConnection>(server.port()));
  std::this_thread::sleep_for(milliseconds(100));
  RawConnection fourth(server.port());
  const std::string answer = fourth.ReadUntilClosed();
  EXPECT_EQ(StatusOf(answer), 503) << answer;
  EXPECT_NE(BodyOf(answer)["error"].value("message", "").find("max_connections_per_address"),
            std::string::npos);
  // A closed connection gives its place back.
  open.pop_back();
  std::this_thread::sleep_for(milliseconds(100));
  RawConnection again(server.port());
  again.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(StatusOf(again.ReadAnswers(1)), 200);
}

TEST(HttpConnection, DeadlinesEndSlowRequestsWith408AndIdleOnesQuietly) {
  ServerConfig config = TestConfig();
  config.header_timeout_ms = 300;
  config.request_timeout_ms = 600;
  config.keep_alive_timeout_ms = 300;
  RunningServer server(config);
  RawConnection header(server.port()), body(server.port()), idle(server.port());
  const auto start = Clock::now();
  header.Send("GET /healthz HTTP/1.1\r\nHost:");
  body.Send("POST /api/v1/screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Content-Length: 100\r\n\r\n{");
  const std::string header_answer = header.ReadUntilClosed();
  EXPECT_EQ(StatusOf(header_answer), 408) << header_answer;
  EXPECT_NE(BodyOf(header_answer)["error"].value("message", "").find("header"), std::string::npos);
  const std::string body_answer = body.ReadUntilClosed();
  EXPECT_EQ(StatusOf(body_answer), 408) << body_answer;
  EXPECT_NE(BodyOf(body_answer)["error"].value("message", "").find("body"), std::string::npos);
  EXPECT_EQ(idle.ReadUntilClosed(), "");
  EXPECT_TRUE(idle.closed());
  EXPECT_LT(MsSince(start), 2000);
}

TEST(HttpConnection, ExpectContinueGetsAGoAheadAndHeadGetsNoBody) {
  RunningServer server(TestConfig());
  RawConnection c(server.port());
  const std::string body = json({{"text", "a"}}).dump();
  c.Send("POST /api/v1/screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: "
         "100-continue\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n");
  const std::string go = c.ReadAnswers(1, milliseconds(1000));
  EXPECT_EQ(go, "HTTP/1.1 100 Continue\r\n\r\n");
  c.Send(body);
  EXPECT_EQ(StatusOf(c.ReadAnswers(1)), 200);
  c.Send("HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::string head = c.ReadUntilClosed();
  EXPECT_EQ(StatusOf(head), 200) << head;
  EXPECT_NE(head.find("Content-Length: "), std::string::npos);
  EXPECT_EQ(head.substr(head.find("\r\n\r\n") + 4), "") << "HEAD has no body";
}

// Stop() closes clients that have not sent a whole request, finishes the one in flight, and
// returns within the drain deadline (cpp-httplib waited on trickling clients for 40 s).
TEST(HttpConnection, StopClosesSlowClientsAndFinishesWithinTheDrainDeadline) {
  ServerConfig config = TestConfig();
  config.drain_timeout_ms = 1000;
  std::promise<void> entered;
  std::atomic<bool> entered_once = false;
  RunningServer server(config, [&](ApiServer& s) {
    s.SetScreenHookForTest([&] {
      if (!entered_once.exchange(true)) entered.set_value();
      std::this_thread::sleep_for(milliseconds(300));
    });
  });
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 30; ++i) {
    slow.push_back(std::make_unique<RawConnection>(server.port()));
    slow.back()->Send("GET /healthz HTTP/1.1\r\nX-Slow: ");
  }
  auto in_flight = std::async(std::launch::async, [&] {
    auto client = server.Client();
    auto r = PostJson(client, "/api/v1/screen", json({{"text", kCalfPost}}).dump());
    return r ? r->status : -1;
  });
  entered.get_future().wait();
  const auto start = Clock::now();
  server.server().Stop();
  server.Join();
  EXPECT_LT(MsSince(start), 1000 + 1000);
  EXPECT_EQ(in_flight.get(), 200);
  for (auto& c : slow) {
    c->ReadUntilClosed(milliseconds(500));
    EXPECT_TRUE(c->closed());
  }
}

}  // namespace
}  // namespace jianmei::server
