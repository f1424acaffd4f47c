// The API against a real server on 127.0.0.1 (ephemeral port) with a real SQLite file
// (server/test_server.h): screening, limits and malformed requests, stats, procedures, metrics,
// the rate limit, shutdown and the static UI. The registry's endpoints: registry_api_test.cc.
#include "server/api_server.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "evidence/hash.h"
#include "screen/report_json.h"
#include "server/test_server.h"

namespace jianmei::server {
namespace {

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

TEST_F(ApiTest, ScreensAPostersTextAndNamesEachImageItCannotRead) {
  std::ifstream in(std::string(JIANMEI_SOURCE_DIR) + "/tests/images/poster_zh.png", std::ios::binary);
  const std::string poster((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(poster.size(), 1000u);
  const json body = {{"id", "img"},
                     {"text", "私信了解"},
                     {"images", {"data:image/png;base64," + evidence::Base64Encode(poster), "not base64!",
                                 evidence::Base64Encode(poster.substr(0, poster.size() / 2))}}};
  auto r = PostJson(client_, "/api/v1/screen", body.dump());
  ASSERT_EQ(r->status, 200) << r->body;
  const json j = Body(r);
  EXPECT_EQ(j["verdict"], "violation") << r->body;
  ASSERT_EQ(j["images"].size(), 3u);
  EXPECT_EQ(j["images"][0]["name"], "images[0]");
  EXPECT_EQ(j["images"][0]["width"], 480);
  EXPECT_THAT(j["images"][1]["error"].get<std::string>(), ::testing::HasSubstr("not base64"));
  EXPECT_THAT(j["images"][2]["error"].get<std::string>(), ::testing::HasSubstr("truncated or corrupt PNG"));
  bool banned_in_image = false;
  for (const json& f : j["findings"]) {
    if (f["rule"] == "procedure.banned" && f.contains("source")) {
      banned_in_image = f["source"]["image"] == 0 && f["text"] == "小腿肌肉阻断术";
    }
  }
  EXPECT_TRUE(banned_in_image) << r->body;
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
  ExpectError(PostJson(client_, "/api/v1/screen", "{\"text\":1e999}"), 400, "bad_request",
              "text: number 1e999 at byte 8 is out of range");
  ExpectError(PostJson(client_, "/api/v1/screen", json({{"text", std::string(9000, 'a')}}).dump()),
              400, "bad_request", "more than the limit of 8192");
}

// The body follows the rules of a scan line (doc/api.md): a NUL byte is an error naming its
// offset, never the end of the body; a key given twice is refused in either order; a number out
// of range is named in our words with a short prefix.
TEST_F(ApiTest, NulBytesDuplicateKeysAndHugeNumbersAre400InOurWords) {
  using namespace std::string_literals;
  ExpectError(PostJson(client_, "/api/v1/screen", "{\"text\":\"a\"}\0garbage {{{"s), 400,
              "bad_request", "body: NUL byte at byte 12");
  ExpectError(PostJson(client_, "/api/v1/screen", R"({"text":1,"text":"a"})"), 400, "bad_request",
              "text: key given twice at byte 10");
  ExpectError(PostJson(client_, "/api/v1/screen", R"({"text":"a","text":1})"), 400, "bad_request",
              "text: key given twice at byte 12");
  ExpectError(PostJson(client_, "/api/v1/screen", R"({"posts":[{"text":"a","id":"1","id":"2"}]})"),
              400, "bad_request", "posts[0].id: key given twice");
  ExpectError(PostJson(client_, "/api/v1/qualify",
                       R"({"institution":"a","procedure":"b","procedure":"c"})"),
              400, "bad_request", "procedure: key given twice");
  auto huge = PostJson(client_, "/api/v1/screen", R"({"text":)" + std::string(100000, '9') + "}");
  ExpectError(huge, 400, "bad_request", "text: number 99999999999999999999999999999999… at byte 8");
  EXPECT_LT(huge->body.size(), 300u);
  EXPECT_EQ(huge->body.find("json.exception"), std::string::npos);
}

// JSON endpoints take JSON only: anything else is 415 in the error shape, before the body is read
// as JSON. Media types are case-insensitive and may carry parameters.
TEST_F(ApiTest, JsonEndpointsRefuseOtherContentTypesWith415) {
  const std::string body = json({{"text", "a"}}).dump();
  for (const char* type : {"text/plain", "application/xml", "text/csv", "application/jsonx"}) {
    ExpectError(client_.Post("/api/v1/screen", body, type), 415, "unsupported_media_type",
                "Content-Type");
  }
  ExpectError(client_.Post("/api/v1/screen", httplib::Headers{}, body, ""), 415,
              "unsupported_media_type", "Content-Type");
  ExpectError(client_.Post("/api/v1/qualify", R"({"institution":"a","procedure":"b"})", "text/plain"),
              415, "unsupported_media_type", "application/json");
  for (const char* type : {"application/json; charset=utf-8", "Application/JSON",
                           "application/json;charset=UTF-8"}) {
    auto r = client_.Post("/api/v1/screen", body, type);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << type << ": " << r->body;
  }
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

// The same with a chunked body, which declares no length: it passes 8 KB only as it is read.
TEST_F(ApiTest, ChunkedFormEncodedBodyOver8KbIs413SayingToSendJson) {
  const std::string chunk(9000, 'a');
  std::ostringstream request;
  request << "POST /api/v1/screen HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          << "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
          << std::hex << chunk.size() << "\r\n" << chunk << "\r\n0\r\n\r\n";
  RawReply reply = RawExchange(server_.port(), request.str());
  EXPECT_NE(reply.bytes.find("HTTP/1.1 413"), std::string::npos) << reply.bytes.substr(0, 200);
  const json body = RawBody(reply);
  ASSERT_TRUE(body.contains("error")) << reply.bytes.substr(0, 300);
  EXPECT_EQ(body["error"].value("code", ""), "payload_too_large");
  EXPECT_NE(body["error"].value("message", "").find("Content-Type: application/json"), std::string::npos)
      << body.dump();
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

// RFC 9110 §11.1: the authentication scheme is case-insensitive; the token is not.
TEST_F(ApiTest, TheBearerSchemeIsMatchedCaseInsensitively) {
  const std::string body = json({{"text", "a"}, {"store", true}}).dump();
  for (const std::string scheme : {"bearer ", "BEARER ", "BeArEr  "}) {
    auto r = client_.Post("/api/v1/screen", {{"Authorization", scheme + kToken}}, body,
                          "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << scheme << r->body;
  }
  std::string upper = kToken;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ExpectError(client_.Post("/api/v1/screen", {{"Authorization", "Bearer " + upper}}, body,
                           "application/json"),
              401, "unauthorized", "wrong");
  ExpectError(client_.Post("/api/v1/screen", {{"Authorization", std::string("Basic ") + kToken}},
                           body, "application/json"),
              401, "unauthorized", "Bearer");
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
  EXPECT_EQ(m.find("jianmei_http_refused_total{"), std::string::npos) << "nothing refused yet: " << m;
}

// Requests answered by the connection layer (bad framing, limits) never reach a handler; they are
// counted apart, by status.
TEST_F(ApiTest, MetricsCountProtocolErrors) {
  RawExchange(server_.port(), "GET / HTTP/1.1\nHost: x\n\n");  // bare LF: 400
  RawExchange(server_.port(), "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::string m = client_.Get("/metrics")->body;
  EXPECT_NE(m.find("jianmei_http_refused_total{code=\"400\"} 1\n"), std::string::npos) << m;
  EXPECT_NE(m.find("jianmei_http_refused_total{code=\"414\"} 1\n"), std::string::npos) << m;
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
