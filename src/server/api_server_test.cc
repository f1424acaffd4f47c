// The API against a real server on 127.0.0.1 (ephemeral port) with a real SQLite file.
#include "server/api_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "evidence/complaint.h"
#include "screen/report_json.h"
#include "store/evidence_complaint_links.h"
#include "store/evidence_log.h"
#include "store/migrations.h"
#include "store/test_util.h"
#include "tests/test_screener.h"

namespace jianmei::server {
namespace {

using nlohmann::json;

constexpr char kToken[] = "test-token-0123456789abcdef";
constexpr char kCalfPost[] = "小腿肌肉阻断术，没有副作用，不反弹，仅需39800";

// A server on 127.0.0.1, any free port, with its data in `home`; not bound yet.
std::unique_ptr<ApiServer> NewServer(ServerConfig config, const std::string& home) {
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
                                     std::move(*complaints));
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

ServerConfig TestConfig() {
  ServerConfig c;
  c.token = kToken;
  c.max_body_bytes = 256 * 1024;
  c.max_batch = 50;
  c.max_text_bytes = 8 * 1024;
  c.rate_per_second = 0;
  c.threads = 4;
  return c;
}

json Body(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no response: " << httplib::to_string(r.error());
  if (!r) return json();
  EXPECT_NE(r->get_header_value("Content-Type").find("application/json"), std::string::npos);
  return json::parse(r->body, nullptr, /*allow_exceptions=*/false);
}

// Asserts the API's error shape with a message that says something.
void ExpectError(const httplib::Result& r, int status, const std::string& code,
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

httplib::Result PostJson(httplib::Client& c, const std::string& path, const std::string& body,
                         const std::string& token = "") {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return c.Post(path.c_str(), headers, body, "application/json");
}

// What a raw connection got back: every byte until the server closed or fell silent.
struct RawReply {
  std::string bytes;
  bool closed = false;  // the server closed the connection (rather than falling silent)
  size_t Answers() const {
    size_t n = 0;
    for (size_t at = 0; (at = bytes.find("HTTP/1.1 ", at)) != std::string::npos; ++at) ++n;
    return n;
  }
};

// Sends `request` byte for byte on a new connection to 127.0.0.1:port, for requests that
// httplib::Client will not send (malformed headers, headers without their body).
RawReply RawExchange(int port, const std::string& request,
                     std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
  RawReply reply;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  EXPECT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{static_cast<time_t>(timeout.count() / 1000),
             static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size())) {
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) reply.bytes.append(buf, static_cast<size_t>(n));
    reply.closed = n == 0 || (n < 0 && errno == ECONNRESET);  // both mean the server is done
  }
  close(fd);
  return reply;
}

// gzip (RFC 1952) of `text`, as `Content-Encoding: gzip` expects.
std::string Gzip(const std::string& text) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, text.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

class ApiTest : public ::testing::Test {
 protected:
  RunningServer server_{TestConfig()};
  httplib::Client client_ = server_.Client();
};

TEST_F(ApiTest, HealthzSaysOkWithTheKbVersion) {
  auto r = client_.Get("/healthz");
  json j = Body(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_FALSE(j["kb_version"].get<std::string>().empty());
}

TEST_F(ApiTest, ScreensOnePostToTheContract) {
  auto r = PostJson(client_, "/api/v1/screen", json({{"id", "p1"}, {"text", kCalfPost}}).dump());
  json j = Body(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(j["id"], "p1");
  EXPECT_EQ(j["verdict"], "violation");
  EXPECT_TRUE(j["promotional"].get<bool>());
  bool banned = false, guarantee = false;
  for (const json& f : j["findings"]) {
    const auto span = f["span"].get<std::vector<size_t>>();
    EXPECT_EQ(std::string(kCalfPost).substr(span[0], span[1] - span[0]), f["text"]);
    if (f["category"] == "non_catalog_procedure") {
      banned = true;
      EXPECT_EQ(f["severity"], "critical");
      EXPECT_FALSE(f["basis"].empty());
    }
    guarantee = guarantee || f["category"] == "guarantee_efficacy_safety";
  }
  EXPECT_TRUE(banned) << r->body;
  EXPECT_TRUE(guarantee) << r->body;
  EXPECT_FALSE(j.contains("stored_id")) << "not stored unless asked";

  // The whole answer is the design's contract object for this text, plus the caller's id.
  auto screener = testing::RepoScreener();
  auto scratch = screener->NewScratch();
  ASSERT_TRUE(scratch.ok());
  auto report = screener->Screen(kCalfPost, **scratch);
  ASSERT_TRUE(report.ok());
  json expected = screen::ReportToJson(*report, kCalfPost);
  expected["id"] = "p1";
  EXPECT_EQ(j, expected);
}

TEST_F(ApiTest, ScreensABatchInOrder) {
  json posts = json::array({{{"id", "a"}, {"text", kCalfPost}},
                            {{"id", 7}, {"text", "今天天气很好，我们去公园散步。"}},
                            {{"text", "打瘦腿针就找我们，一次见效"}}});
  auto r = PostJson(client_, "/api/v1/screen", json({{"posts", posts}}).dump());
  json j = Body(r);
  ASSERT_EQ(r->status, 200) << r->body;
  ASSERT_EQ(j["results"].size(), 3u);
  EXPECT_EQ(j["results"][0]["id"], "a");
  EXPECT_EQ(j["results"][0]["verdict"], "violation");
  EXPECT_EQ(j["results"][1]["id"], "7");
  EXPECT_EQ(j["results"][1]["verdict"], "clean");
  EXPECT_FALSE(j["results"][2].contains("id"));
}

TEST_F(ApiTest, RejectsBadBodiesWith400NamingWhere) {
  ExpectError(PostJson(client_, "/api/v1/screen", "{\"text\": \"abc\""), 400, "bad_request", "byte");
  ExpectError(PostJson(client_, "/api/v1/screen", ""), 400, "bad_request", "not JSON");
  ExpectError(PostJson(client_, "/api/v1/screen", "[1,2]"), 400, "bad_request", "JSON object");
  ExpectError(PostJson(client_, "/api/v1/screen", "{\"text\": 5}"), 400, "bad_request",
              "text: must be a string");
  ExpectError(PostJson(client_, "/api/v1/screen", "{}"), 400, "bad_request", "text: missing");
  ExpectError(PostJson(client_, "/api/v1/screen", "{\"text\":\"a\",\"stroe\":true}"), 400,
              "bad_request", "stroe: unknown field");
  ExpectError(PostJson(client_, "/api/v1/screen", "{\"text\":\"a\",\"store\":\"yes\"}"), 400,
              "bad_request", "store: must be true or false");
  ExpectError(PostJson(client_, "/api/v1/screen", "{\"posts\":\"a\"}"), 400, "bad_request",
              "posts: must be an array");
  ExpectError(PostJson(client_, "/api/v1/screen", "{\"posts\":[]}"), 400, "bad_request", "empty");
  ExpectError(PostJson(client_, "/api/v1/screen", "{\"posts\":[{\"text\":\"a\"},{\"id\":1.5,\"text\":\"b\"}]}"),
              400, "bad_request", "posts[1].id");
  ExpectError(PostJson(client_, "/api/v1/screen", "{\"text\":\"a\",\"posted_at\":\"yesterday\"}"),
              400, "bad_request", "posted_at: not an RFC 3339");
  ExpectError(PostJson(client_, "/api/v1/screen", "{\"text\":\"\xff\xfe\"}"), 400, "bad_request",
              "UTF-8");
  ExpectError(PostJson(client_, "/api/v1/screen", "{\"text\":1e999}"), 400, "bad_request", "JSON");
  ExpectError(PostJson(client_, "/api/v1/screen", json({{"text", std::string(9000, 'a')}}).dump()),
              400, "bad_request", "more than the limit of 8192");
}

TEST_F(ApiTest, RejectsABatchOverTheLimit) {
  json posts = json::array();
  for (int i = 0; i < 51; ++i) posts.push_back({{"text", "x"}});
  ExpectError(PostJson(client_, "/api/v1/screen", json({{"posts", posts}}).dump()), 400,
              "bad_request", "51 posts, more than the limit of 50");
  posts.erase(posts.begin());
  auto r = PostJson(client_, "/api/v1/screen", json({{"posts", posts}}).dump());
  EXPECT_EQ(r->status, 200) << r->body;
}

TEST_F(ApiTest, OversizeBodyIs413InTheErrorShape) {
  const std::string big = "{\"text\":\"" + std::string(300 * 1024, 'a') + "\"}";
  ExpectError(PostJson(client_, "/api/v1/screen", big), 413, "payload_too_large",
              "limit of 262144 bytes");
}

// curl -d without a Content-Type sends application/x-www-form-urlencoded, which cpp-httplib
// caps at 8 KB whatever max_body_bytes says: the 413 says so and what to send instead.
TEST_F(ApiTest, FormEncodedBodyOver8KbIs413SayingToSendJson) {
  const std::string body =
      json({{"id", std::string(200, 'i')}, {"text", std::string(8100, 'a')}}).dump();
  ASSERT_GT(body.size(), 8192u);
  ExpectError(client_.Post("/api/v1/screen", body, "application/x-www-form-urlencoded"), 413,
              "payload_too_large", "Content-Type: application/json");
  EXPECT_EQ(PostJson(client_, "/api/v1/screen", body)->status, 200) << "the same body as JSON";
}

// The JSON body of a raw reply.
json RawBody(const RawReply& reply) {
  const size_t at = reply.bytes.find("\r\n\r\n");
  if (at == std::string::npos) return json();
  return json::parse(reply.bytes.substr(at + 4), nullptr, /*allow_exceptions=*/false);
}

TEST_F(ApiTest, MalformedContentLengthIs400AndClosesTheConnection) {
  for (const char* length : {"-5", "5x", "+5", "0x10"}) {
    RawReply reply = RawExchange(server_.port(),
                                 "POST /api/v1/screen HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Type: application/json\r\nContent-Length: " +
                                     std::string(length) + "\r\n\r\n{}");
    EXPECT_EQ(reply.bytes.rfind("HTTP/1.1 400 ", 0), 0u) << length << ": " << reply.bytes;
    const std::string message = RawBody(reply)["error"].value("message", "");
    EXPECT_NE(message.find("Content-Length"), std::string::npos) << reply.bytes;
    EXPECT_NE(message.find(length), std::string::npos) << reply.bytes;
    EXPECT_TRUE(reply.closed) << length << ": the body's end is unknown";
  }
}

TEST_F(ApiTest, CompressedBodiesAre415AndNeverInflated) {
  // 1 MiB of JSON in about 1 KB of gzip: inflated, it would be four times max_body_bytes.
  const std::string gz = Gzip("{\"text\":\"" + std::string(1 << 20, 'a') + "\"}");
  ASSERT_LT(gz.size(), 8192u);
  auto r = client_.Post("/api/v1/screen", {{"Content-Encoding", "gzip"}}, gz, "application/json");
  ExpectError(r, 415, "unsupported_media_type", "Content-Encoding: gzip");
  // Refused on the headers alone, without waiting for the body; the connection is closed so that
  // the unread body is not taken for a next request.
  for (const char* encoding : {"gzip", "deflate", "br"}) {
    RawReply reply = RawExchange(server_.port(),
                                 "POST /api/v1/screen HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Type: application/json\r\nContent-Encoding: " +
                                     std::string(encoding) + "\r\nContent-Length: 100000\r\n\r\n");
    EXPECT_EQ(reply.bytes.rfind("HTTP/1.1 415 ", 0), 0u) << encoding << ": " << reply.bytes;
    EXPECT_TRUE(reply.closed) << encoding;
  }
}

TEST_F(ApiTest, UnknownRouteIs404AndWrongMethodIs405) {
  ExpectError(client_.Get("/api/v1/nothing"), 404, "not_found", "/api/v1/nothing");
  ExpectError(client_.Get("/no/such/file.html"), 404, "not_found");
  auto r = client_.Get("/api/v1/screen");
  ExpectError(r, 405, "method_not_allowed", "allowed: POST");
  EXPECT_EQ(r->get_header_value("Allow"), "POST");
  ExpectError(client_.Delete("/healthz"), 405, "method_not_allowed");
  ExpectError(PostJson(client_, "/api/v1/procedures", "{}"), 405, "method_not_allowed");
  ExpectError(client_.Options("/api/v1/screen"), 405, "method_not_allowed", "allowed: POST");
  ExpectError(client_.Get(("/api/v1/procedures?q=" + std::string(10000, 'a')).c_str()), 414,
              "uri_too_long");
}

TEST_F(ApiTest, StoringNeedsTheBearerToken) {
  const std::string body = json({{"text", kCalfPost}, {"store", true}}).dump();
  auto none = PostJson(client_, "/api/v1/screen", body);
  ExpectError(none, 401, "unauthorized", "Bearer");
  EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
  ExpectError(PostJson(client_, "/api/v1/screen", body, "test-token-0123456789abcdeX"), 401,
              "unauthorized", "wrong");
  ExpectError(PostJson(client_, "/api/v1/screen", body, "short"), 401, "unauthorized");
  auto ok = PostJson(client_, "/api/v1/screen", body, kToken);
  json j = Body(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_GT(j["stored_id"].get<int64_t>(), 0);
  auto stats = Body(client_.Get("/api/v1/stats"));
  EXPECT_EQ(stats["posts"], 1) << "only the authorised request was stored";
}

TEST(ApiNoToken, StoringIsForbiddenWhenNoTokenIsConfigured) {
  ServerConfig config = TestConfig();
  config.token.clear();
  RunningServer server(config);
  auto client = server.Client();
  ExpectError(PostJson(client, "/api/v1/screen", json({{"text", "a"}, {"store", true}}).dump(), "x"),
              403, "forbidden", "no token");
  EXPECT_EQ(PostJson(client, "/api/v1/screen", json({{"text", "a"}}).dump())->status, 200);
}

TEST_F(ApiTest, StatsCountStoredFindingsByCategoryDayAndInstitution) {
  json posts = json::array({
      {{"text", kCalfPost}, {"institution", "某某医美工作室"}, {"posted_at", "2026-02-01T10:00:00+08:00"}},
      {{"text", "全网最好的医美医院，做完没有副作用"}, {"institution", "某某医美工作室"},
       {"posted_at", "2026-02-03T10:00:00+08:00"}},
      {{"text", "今天天气很好。"}, {"posted_at", "2026-02-03T11:00:00+08:00"}},
  });
  auto r = PostJson(client_, "/api/v1/screen", json({{"posts", posts}, {"store", true}}).dump(), kToken);
  json screened = Body(r);
  ASSERT_EQ(r->status, 200) << r->body;
  size_t findings = 0;
  for (const json& result : screened["results"]) findings += result["findings"].size();

  json stats = Body(client_.Get("/api/v1/stats"));
  EXPECT_EQ(stats["posts"], 3);
  EXPECT_EQ(stats["findings"], findings);
  int64_t by_category = 0;
  for (const json& c : stats["by_category"]) by_category += c["findings"].get<int64_t>();
  EXPECT_EQ(by_category, static_cast<int64_t>(findings));
  std::set<std::string> days;
  for (const json& d : stats["by_day"]) days.insert(d["day"].get<std::string>());
  EXPECT_EQ(days, (std::set<std::string>{"2026-02-01", "2026-02-03"}));
  ASSERT_EQ(stats["by_institution"].size(), 1u);
  EXPECT_EQ(stats["by_institution"][0]["institution"], "某某医美工作室");
  EXPECT_EQ(stats["by_institution"][0]["posts"], 2);
  EXPECT_GE(stats["by_institution"][0]["serious"], 1);

  ExpectError(client_.Get("/api/v1/stats?top=abc"), 400, "bad_request", "top");
  ExpectError(client_.Get("/api/v1/stats?top=0"), 400, "bad_request", "top");
  EXPECT_EQ(client_.Get("/api/v1/stats?top=1")->status, 200);
}

TEST_F(ApiTest, FindsProceduresBySlangAndShowsWhetherLegal) {
  json calf = Body(client_.Get("/api/v1/procedures?q=%E5%B0%8F%E8%85%BF%E9%98%BB%E6%96%AD"));  // 小腿阻断
  ASSERT_FALSE(calf["results"].empty()) << calf.dump();
  EXPECT_TRUE(calf["results"][0]["banned"].get<bool>()) << calf.dump();
  const std::string calf_id = calf["results"][0]["id"];

  json detail = Body(client_.Get(("/api/v1/procedures/" + calf_id).c_str()));
  EXPECT_EQ(detail["id"], calf_id);
  EXPECT_FALSE(detail["legal"].get<bool>());
  EXPECT_TRUE(detail["institutions"].empty()) << "nobody may perform a banned procedure";
  EXPECT_FALSE(detail["basis"].empty());
  EXPECT_FALSE(detail["aliases"].empty());
  EXPECT_FALSE(detail["risks"].get<std::string>().empty());

  json toxin = Body(client_.Get("/api/v1/procedures?q=%E7%98%A6%E8%85%BF%E9%92%88"));  // 瘦腿针
  ASSERT_FALSE(toxin["results"].empty()) << toxin.dump();
  EXPECT_FALSE(toxin["results"][0]["banned"].get<bool>());
  json toxin_detail = Body(client_.Get(("/api/v1/procedures/" + toxin["results"][0]["id"].get<std::string>()).c_str()));
  EXPECT_TRUE(toxin_detail["legal"].get<bool>());
  EXPECT_FALSE(toxin_detail["institutions"].empty()) << toxin_detail.dump();

  json none = Body(client_.Get("/api/v1/procedures?q=zzzz-nothing"));
  EXPECT_TRUE(none["results"].empty());
  ExpectError(client_.Get("/api/v1/procedures"), 400, "bad_request", "q");
  ExpectError(client_.Get("/api/v1/procedures?q=%FF"), 400, "bad_request", "UTF-8");
  ExpectError(client_.Get("/api/v1/procedures/no-such-thing"), 404, "not_found", "no-such-thing");
}

TEST_F(ApiTest, MetricsCountRequestsLatencyAndFindings) {
  PostJson(client_, "/api/v1/screen", json({{"text", kCalfPost}}).dump());
  client_.Get("/api/v1/nothing");
  auto r = client_.Get("/metrics");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Content-Type").find("text/plain"), std::string::npos);
  const std::string& m = r->body;
  EXPECT_NE(m.find("jianmei_http_requests_total{method=\"POST\",code=\"200\"} 1\n"), std::string::npos) << m;
  EXPECT_NE(m.find("jianmei_http_requests_total{method=\"GET\",code=\"404\"} 1\n"), std::string::npos) << m;
  EXPECT_NE(m.find("jianmei_http_request_duration_seconds_count 2\n"), std::string::npos) << m;
  EXPECT_NE(m.find("jianmei_http_request_duration_seconds_bucket{le=\"+Inf\"} 2\n"), std::string::npos) << m;
  EXPECT_NE(m.find("jianmei_findings_total{category=\"non_catalog_procedure\"} 1\n"), std::string::npos) << m;
  EXPECT_NE(m.find("jianmei_screened_posts_total 1\n"), std::string::npos) << m;
}

// Fictional registry rows (doc/registry.md): a 医疗美容诊所 and a 生活美容院, which is no medical
// institution at all.
constexpr char kInstitutionsCsv[] =
    "licence,name,type,level,city,status,valid_from,valid_until,departments,projects,aliases\n"
    "备44030520260001,深圳虚构晨光医疗美容诊所,医疗美容诊所,,深圳市,valid,2024-01-01,2030-12-31,医疗美容科,,晨光医美\n"
    "91440300MA5FAKE01X,深圳虚构丽人美容会所,生活美容院,,深圳市,valid,,,,,虚构丽人\n";
constexpr char kDoctorsCsv[] =
    "doctor_licence,name,institution_licence,specialties,status\n"
    "110440300099001,虚构医生甲,备44030520260001,美容皮肤科:2019,valid\n";

httplib::Result PostCsv(httplib::Client& c, const std::string& path, const std::string& body,
                        const std::string& token) {
  httplib::Headers headers = {{"Authorization", "Bearer " + token}};
  return c.Post(path.c_str(), headers, body, "text/csv");
}

class RegistryApiTest : public ApiTest {
 protected:
  void SetUp() override {
    auto r = PostCsv(client_, "/api/v1/registry", kInstitutionsCsv, kToken);
    json j = Body(r);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(j["institutions_added"], 2);
    r = PostCsv(client_, "/api/v1/registry", kDoctorsCsv, kToken);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(Body(r)["doctors_added"], 1);
  }
};

TEST_F(ApiTest, RegistryImportNeedsTheTokenAndRejectsBadFilesWhole) {
  ExpectError(PostCsv(client_, "/api/v1/registry", kInstitutionsCsv, "wrong-token-0123456789"), 401,
              "unauthorized");
  ExpectError(client_.Post("/api/v1/registry", {{"Authorization", std::string("Bearer ") + kToken}},
                           kInstitutionsCsv, "application/json"),
              415, "unsupported_media_type", "text/csv");
  // One bad row (a licence that is no 登记号) and one good: nothing is imported.
  const std::string bad = std::string(kInstitutionsCsv) +
                          "PDY-1,虚构坏行诊所,医疗美容诊所,,深圳市,valid,,,,,\n";
  auto r = PostCsv(client_, "/api/v1/registry", bad, kToken);
  ExpectError(r, 400, "bad_request", "line 4");
  EXPECT_EQ(Body(r)["error"]["rows"].size(), 1u) << r->body;
  EXPECT_TRUE(Body(client_.Get("/api/v1/institutions?q=%E8%99%9A%E6%9E%84"))["results"].empty())  // 虚构
      << "a file with a bad row imports nothing";
  // A doctor at an institution the registry does not know.
  ExpectError(PostCsv(client_, "/api/v1/registry", kDoctorsCsv, kToken), 400, "bad_request", "institution");
  ExpectError(PostCsv(client_, "/api/v1/registry", "not,a,registry\n1,2,3\n", kToken), 400, "bad_request");
  // JSON Lines are read too, and a re-import of the same licence updates it.
  const std::string line =
      R"({"licence":"备44030520260002","name":"深圳虚构星河医疗美容诊所","type":"医疗美容诊所","status":"valid"})";
  for (int added : {1, 0}) {
    auto ok = client_.Post("/api/v1/registry", {{"Authorization", std::string("Bearer ") + kToken}},
                           line + "\n", "application/x-ndjson");
    json j = Body(ok);
    ASSERT_EQ(ok->status, 200) << ok->body;
    EXPECT_EQ(j["institutions_added"], added);
    EXPECT_EQ(j["institutions_updated"], 1 - added);
    EXPECT_EQ(j["registry_size"], 1);
  }
}

TEST_F(RegistryApiTest, SearchesInstitutionsByNameAliasOrLicence) {
  json by_alias = Body(client_.Get("/api/v1/institutions?q=%E6%99%A8%E5%85%89%E5%8C%BB%E7%BE%8E"));  // 晨光医美
  ASSERT_EQ(by_alias["results"].size(), 1u) << by_alias.dump();
  EXPECT_EQ(by_alias["results"][0]["licence"], "备44030520260001");
  EXPECT_EQ(by_alias["results"][0]["type"], "医疗美容诊所");
  json by_licence = Body(client_.Get("/api/v1/institutions?q=91440300MA5FAKE01X"));
  ASSERT_EQ(by_licence["results"].size(), 1u);
  EXPECT_EQ(by_licence["results"][0]["name"], "深圳虚构丽人美容会所");
  EXPECT_TRUE(Body(client_.Get("/api/v1/institutions?q=zzzz"))["results"].empty());
  ExpectError(client_.Get("/api/v1/institutions"), 400, "bad_request", "q");
  ExpectError(client_.Get("/api/v1/institutions?q=%C3"), 400, "bad_request", "UTF-8");
  ExpectError(client_.Get(("/api/v1/institutions?q=" + std::string(201, 'a')).c_str()), 400,
              "bad_request", "200");
}

TEST_F(RegistryApiTest, InstitutionDetailHasDoctorsAndTheFindingsSoFar) {
  json posts = json::array({
      {{"text", "晨光医美做热玛吉，全网最低价，没有副作用"}, {"institution", "晨光医美"},
       {"posted_at", "2026-02-01T10:00:00+08:00"}},
      {{"text", kCalfPost}, {"institution", "深圳虚构晨光医疗美容诊所"}, {"posted_at", "2026-02-02T10:00:00+08:00"}},
      {{"text", kCalfPost}, {"institution", "别的机构"}},
  });
  auto stored = PostJson(client_, "/api/v1/screen", json({{"posts", posts}, {"store", true}}).dump(), kToken);
  ASSERT_EQ(stored->status, 200) << stored->body;
  json screened = Body(stored);
  const size_t expected_findings =
      screened["results"][0]["findings"].size() + screened["results"][1]["findings"].size();

  auto r = client_.Get("/api/v1/institutions/%E5%A4%8744030520260001");  // 备44030520260001
  json j = Body(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(j["name"], "深圳虚构晨光医疗美容诊所");
  EXPECT_EQ(j["status"], "valid");
  ASSERT_EQ(j["doctors"].size(), 1u);
  EXPECT_EQ(j["doctors"][0]["name"], "虚构医生甲");
  const json& h = j["history"];
  EXPECT_EQ(h["posts"], 2) << "posts under its name and its alias, not the other institution's";
  EXPECT_EQ(h["findings"], expected_findings);
  ASSERT_EQ(h["recent"].size(), 2u);
  EXPECT_EQ(h["recent"][0]["stored_id"], screened["results"][1]["stored_id"]) << "newest first";
  bool banned = false;
  for (const json& f : h["recent"][0]["findings"]) {
    if (f["category"] == "non_catalog_procedure") {
      banned = true;
      EXPECT_EQ(f["text"], "小腿肌肉阻断术");
    }
  }
  EXPECT_TRUE(banned) << h.dump();

  ExpectError(client_.Get("/api/v1/institutions/NO-SUCH-LICENCE"), 404, "not_found", "NO-SUCH-LICENCE");
}

// Archives fictional complaints naming institutions as victims would, then links them to the
// registry the way `jianmei evidence complaints` does: a licence, else exactly one name match.
void ArchiveAndLinkComplaints(const std::string& home, const std::vector<std::string>& names) {
  auto log = store::EvidenceLog::Open({home});
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  for (const std::string& who : names) {
    evidence::Complaint c;
    c.procedure = "玻尿酸注射";
    c.institution = who;
    c.narrative = "注射后局部红肿，诊所拒绝处理";
    ASSERT_TRUE((*log)->Append(evidence::ComplaintEntry(c, "2026-02-01T00:00:00Z")).ok());
  }
  auto screener = testing::RepoScreener();
  auto registry = RegistryService::Open(store::DatabasePath(home),
                                        std::shared_ptr<const kb::Knowledge>(screener, &screener->knowledge()));
  ASSERT_TRUE(registry.ok()) << registry.status().ToString();
  auto directory = (*registry)->directory();
  auto linked = store::LinkComplaints((*log)->db(), [&](std::string_view name) -> std::optional<std::string> {
    if (const registry::Institution* i = directory->FindByLicence(name)) return i->licence;
    auto found = directory->FindByName(name);
    if (found.size() != 1) return std::nullopt;
    return found[0]->licence;
  });
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
}

TEST_F(RegistryApiTest, InstitutionDetailCountsTheComplaintsLinkedToIt) {
  const char* clinic = "/api/v1/institutions/%E5%A4%8744030520260001";  // 备44030520260001
  const char* salon = "/api/v1/institutions/91440300MA5FAKE01X";
  const json none = {{"count", 0}, {"entries", json::array()}};
  // Nothing archived yet: the database has no evidence tables, which is no error.
  {
    auto db = store::Db::Open(store::DatabasePath(server_.home()));
    ASSERT_TRUE(db.ok());
    ASSERT_FALSE(*store::HasTable(db->get(), "complaints")) << "the premise: no evidence tables";
    auto r = client_.Get(clinic);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(Body(r)["complaints"], none) << r->body;
  }

  // Entries 0..4: by alias, by a venue the registry does not know, by full name, by licence, and
  // one against the salon by its alias.
  ArchiveAndLinkComplaints(server_.home(), {"晨光医美", "城西某无证工作室", "深圳虚构晨光医疗美容诊所",
                                            "备44030520260001", "虚构丽人"});
  auto r = client_.Get(clinic);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = Body(r);
  EXPECT_EQ(j["complaints"]["count"], 3) << r->body;
  EXPECT_EQ(j["complaints"]["entries"], json::array({0, 2, 3})) << r->body;
  EXPECT_EQ(j["name"], "深圳虚构晨光医疗美容诊所") << "the rest of the answer is unchanged";
  EXPECT_EQ(Body(client_.Get(salon))["complaints"], json({{"count", 1}, {"entries", {4}}}));
}

TEST_F(RegistryApiTest, InstitutionWithoutLinkedComplaintsCountsNone) {
  ArchiveAndLinkComplaints(server_.home(), {"晨光医美", "城西某无证工作室"});
  auto r = client_.Get("/api/v1/institutions/91440300MA5FAKE01X");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["complaints"], json({{"count", 0}, {"entries", json::array()}})) << r->body;
}

TEST_F(RegistryApiTest, QualifiesAnInstitutionForAProcedure) {
  // A beauty salon is no medical institution: it may do no medical-aesthetics procedure.
  auto r = PostJson(client_, "/api/v1/qualify",
                    json({{"institution", "虚构丽人"}, {"procedure", "瘦腿针"}, {"date", "2026-03-01"}}).dump());
  json j = Body(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(j["outcome"], "not_allowed");
  EXPECT_EQ(j["institution"]["licence"], "91440300MA5FAKE01X");
  EXPECT_EQ(j["date"], "2026-03-01");
  EXPECT_FALSE(j["reasons"].empty());
  EXPECT_TRUE(j.contains("category"));

  // A banned procedure is allowed nowhere, even at a licensed clinic.
  json banned = Body(PostJson(client_, "/api/v1/qualify",
                              json({{"institution", "备44030520260001"}, {"procedure", "小腿阻断"}}).dump()));
  EXPECT_EQ(banned["outcome"], "not_allowed") << banned.dump();
  EXPECT_EQ(banned["category"], "non_catalog_procedure") << banned.dump();

  // The licence is valid until 2030-12-31: after that the clinic may do nothing.
  json expired = Body(PostJson(client_, "/api/v1/qualify",
                               json({{"institution", "晨光医美"}, {"procedure", "瘦腿针"}, {"date", "2031-01-01"}}).dump()));
  EXPECT_EQ(expired["outcome"], "not_allowed") << expired.dump();

  ExpectError(PostJson(client_, "/api/v1/qualify", json({{"institution", "不存在的机构"}, {"procedure", "瘦腿针"}}).dump()),
              404, "not_found", "不存在的机构");
  ExpectError(PostJson(client_, "/api/v1/qualify", json({{"institution", "晨光医美"}, {"procedure", "zzzz"}}).dump()),
              404, "not_found", "zzzz");
  ExpectError(PostJson(client_, "/api/v1/qualify", json({{"institution", "晨光医美"}, {"procedure", "瘦腿针"}, {"date", "2026-02-30"}}).dump()),
              400, "bad_request", "date");
  ExpectError(PostJson(client_, "/api/v1/qualify", "{\"institution\":1}"), 400, "bad_request", "institution");
  ExpectError(PostJson(client_, "/api/v1/qualify", "{"), 400, "bad_request", "JSON");
  ExpectError(client_.Get("/api/v1/qualify"), 405, "method_not_allowed", "POST");
}

TEST(ApiRateLimit, AnswersTooManyRequestsWith429) {
  ServerConfig config = TestConfig();
  config.rate_per_second = 0.5;
  config.rate_burst = 3;
  RunningServer server(config);
  auto client = server.Client();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client.Get("/healthz")->status, 200) << i;
  auto r = client.Get("/healthz");
  ExpectError(r, 429, "rate_limited", "127.0.0.1");
  EXPECT_EQ(r->get_header_value("Retry-After"), "2");
}

TEST(ApiRateLimit, TheBodyOfARefusedRequestIsNotReadAsTheNextRequest) {
  ServerConfig config = TestConfig();
  config.rate_per_second = 0.001;
  config.rate_burst = 1;
  RunningServer server(config);
  EXPECT_EQ(server.Client().Get("/healthz")->status, 200);
  // A body of requests, more than cpp-httplib reads along with the headers: whatever it leaves
  // unread on a kept-alive connection would be parsed as further requests.
  std::string body;
  while (body.size() < 20000) body += "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  RawReply reply = RawExchange(server.port(),
                               "POST /api/v1/screen HTTP/1.1\r\nHost: x\r\nContent-Type: "
                               "application/json\r\nContent-Length: " +
                                   std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(reply.bytes.rfind("HTTP/1.1 429 ", 0), 0u) << reply.bytes;
  EXPECT_EQ(reply.Answers(), 1u) << reply.bytes;
  EXPECT_TRUE(reply.closed);
}

TEST(ApiShutdown, StopFinishesTheRequestInFlight) {
  std::promise<void> entered, release;
  auto release_future = release.get_future().share();
  std::atomic<bool> entered_once = false;
  RunningServer server(TestConfig(), [&](ApiServer& s) {
    s.SetScreenHookForTest([&] {
      if (!entered_once.exchange(true)) entered.set_value();
      release_future.wait();
    });
  });
  auto in_flight = std::async(std::launch::async, [&] {
    auto client = server.Client();
    auto r = PostJson(client, "/api/v1/screen", json({{"text", kCalfPost}}).dump());
    return r ? r->status : -1;
  });
  entered.get_future().wait();
  server.server().Stop();
  // No new connection is accepted once stopping ...
  auto late = server.Client();
  late.set_connection_timeout(1, 0);
  EXPECT_FALSE(late.Get("/healthz"));
  // ... but the one in flight is answered in full.
  release.set_value();
  EXPECT_EQ(in_flight.get(), 200);
  server.Join();
}

TEST(ApiStatic, ServesTheUiWithItsSecurityHeadersAndNothingOutsidePublic) {
  ServerConfig config = TestConfig();
  config.web_dir = std::string(JIANMEI_SOURCE_DIR) + "/web";
  RunningServer server(config);
  auto client = server.Client();
  auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(page->body.find("/app.js"), std::string::npos);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(client.Get("/app.js")->status, 200);
  ExpectError(client.Get("/package.json"), 404, "not_found");
  auto traversal = client.Get("/../kb/laws.toml");
  ASSERT_TRUE(traversal);
  EXPECT_GE(traversal->status, 400);
  EXPECT_LT(traversal->status, 500);
}

// One range is served; several are refused: `bytes=0-,0-,…` would send the file once per range.
TEST(ApiStatic, ServesOneRangeAndRefusesSeveral) {
  ServerConfig config = TestConfig();
  config.web_dir = std::string(JIANMEI_SOURCE_DIR) + "/web";
  RunningServer server(config);
  auto client = server.Client();
  auto one = client.Get("/app.js", {{"Range", "bytes=0-9"}});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 206);
  EXPECT_EQ(one->body.size(), 10u);
  std::string fifty = "bytes=0-";
  for (int i = 1; i < 50; ++i) fifty += ",0-";
  ExpectError(client.Get("/app.js", {{"Range", fifty}}), 416, "range_not_satisfiable", "50 ranges");
  ExpectError(client.Get("/healthz", {{"Range", "bytes=0-1,2-3"}}), 416, "range_not_satisfiable",
              "one range");
}

TEST(ApiStatic, AMissingUiDirectoryFailsAtBindNamingIt) {
  store::TempDir home;
  ServerConfig config = TestConfig();
  config.web_dir = "/nonexistent/dir";
  auto port = NewServer(config, home.path())->Bind();
  ASSERT_FALSE(port.ok());
  EXPECT_NE(port.status().message().find("/nonexistent/dir/public"), std::string::npos)
      << port.status().ToString();
  // The chart library is optional (the dashboard says when it is missing): public/ is enough.
  store::TempDir web;
  std::filesystem::create_directories(web.path() + "/public");
  config.web_dir = web.path();
  auto bound = NewServer(config, home.path())->Bind();
  EXPECT_TRUE(bound.ok()) << bound.status().ToString();
}

}  // namespace
}  // namespace jianmei::server
