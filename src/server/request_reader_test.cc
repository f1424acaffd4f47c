// RequestReader on bytes alone: every protocol error is named at the byte that makes it one.
#include "server/request_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace jianmei::server {
namespace {

using Step = RequestReader::Step;

HttpLimits SmallLimits() { return {.max_header_bytes = 2048, .max_uri_bytes = 512, .max_body_bytes = 100}; }

// Feeds `bytes` (continuing with the body after the header) and returns the last step.
Step FeedAll(RequestReader& r, std::string bytes, std::string* rest = nullptr) {
  Step step = Step::kNeedMore;
  for (;;) {
    const size_t used = r.Feed(bytes, &step);
    bytes.erase(0, used);
    if (step == Step::kHeader) {
      r.ContinueWithBody({SIZE_MAX, {}});
      continue;
    }
    if (step != Step::kNeedMore || used == 0) break;
  }
  if (rest) *rest = bytes;
  return step;
}

TEST(RequestReader, ReadsAWholeRequestWithHeadersParamsAndBody) {
  RequestReader r(SmallLimits());
  EXPECT_EQ(FeedAll(r, "POST /api/v1/screen?x=1 HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                       "Content-Length: 5\r\n\r\nhello"),
            Step::kDone);
  Request req = r.Take();
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.path, "/api/v1/screen");
  EXPECT_EQ(req.Param("x"), "1");
  EXPECT_EQ(req.Header("content-type"), "application/json");
  EXPECT_EQ(req.body, "hello");
  EXPECT_TRUE(r.keep_alive());
}

TEST(RequestReader, StopsAtTheHeaderSoARequestCanBeRefusedBeforeItsBody) {
  RequestReader r(SmallLimits());
  Step step;
  const std::string bytes = "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
  const size_t used = r.Feed(bytes, &step);
  EXPECT_EQ(step, Step::kHeader);
  EXPECT_EQ(bytes.substr(used), "abc");
  EXPECT_EQ(r.Head().Header("Content-Length"), "3");
  EXPECT_EQ(r.Head().content_length, 3u);
}

// Admission may lower the limit for one request and say why; a chunked body, whose length is
// known only as it comes, gets that reason when it passes the lower limit.
TEST(RequestReader, AChunkedBodyOverALoweredLimitGetsTheAdmissionsReason) {
  RequestReader r(SmallLimits());
  Step step;
  std::string bytes = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\nabcdefgh\r\n0\r\n\r\n";
  bytes.erase(0, r.Feed(bytes, &step));
  ASSERT_EQ(step, Step::kHeader);
  EXPECT_FALSE(r.Head().content_length) << "a chunked body declares no length";
  r.ContinueWithBody({5, "over 5 bytes: send less"});
  r.Feed(bytes, &step);
  ASSERT_EQ(step, Step::kError);
  EXPECT_EQ(r.error().status, 413);
  EXPECT_EQ(r.error().message, "over 5 bytes: send less");

  RequestReader plain(SmallLimits());
  bytes = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\nabcdefgh\r\n0\r\n\r\n";
  bytes.erase(0, plain.Feed(bytes, &step));
  plain.ContinueWithBody({5, {}});
  plain.Feed(bytes, &step);
  ASSERT_EQ(step, Step::kError);
  EXPECT_EQ(plain.error().message, "request body is larger than the limit of 5 bytes")
      << "the lowered limit, not max_body_bytes (100)";
}

TEST(RequestReader, LeavesAPipelinedRequestForTheNextReader) {
  RequestReader first(SmallLimits());
  std::string rest;
  EXPECT_EQ(FeedAll(first, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n", &rest), Step::kDone);
  EXPECT_EQ(first.Take().path, "/a");
  RequestReader second(SmallLimits());
  EXPECT_EQ(FeedAll(second, rest), Step::kDone);
  EXPECT_EQ(second.Take().path, "/b");
}

TEST(RequestReader, ReadsAChunkedBody) {
  RequestReader r(SmallLimits());
  EXPECT_EQ(FeedAll(r, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"),
            Step::kDone);
  EXPECT_EQ(r.Take().body, "abcde");
}

struct Case {
  const char* name;
  std::string bytes;
  int status;
  const char* message_part;
};

// Each is an error as soon as these bytes are in: no more bytes and no deadline needed.
TEST(RequestReader, NamesEachProtocolErrorAtOnce) {
  const std::vector<Case> cases = {
      {"bare LF", "GET / HTTP/1.1\nHost: x\n", 400, "bare LF"},
      {"bare LF in a field", "GET / HTTP/1.1\r\nHost: x\n", 400, "CRLF"},
      {"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, "HTTP/2.0 is not supported"},
      {"HTTP/3.1", "GET / HTTP/3.1\r\nHost: x\r\n\r\n", 505, "HTTP/3.1"},
      {"bad version", "GET / HTTP/x\r\nHost: x\r\n\r\n", 400, "version"},
      {"long target", "GET /" + std::string(600, 'a'), 414, "request line"},
      {"long target, whole line", "GET /" + std::string(520, 'a') + " HTTP/1.1\r\n\r\n", 414, "target"},
      {"long header", "GET / HTTP/1.1\r\nX: " + std::string(2100, 'a'), 431, "limit of 2048 bytes"},
      {"bad chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400, "chunk size"},
      {"chunk over the limit", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n", 413,
       "limit of 100 bytes"},
      {"chunks over the limit", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" +
                                    std::string(64, 'a') + "\r\n40\r\n", 413, "limit of 100 bytes"},
      {"length over the limit", "POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n", 413, "limit of 100"},
      {"bad length", "POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n", 400, "Content-Length: -5"},
      {"two lengths", "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400, "twice"},
      {"not chunked", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 400, "Transfer-Encoding"},
      {"bad target", "GET http://x/ HTTP/1.1\r\n\r\n", 400, "target"},
  };
  for (const Case& c : cases) {
    RequestReader r(SmallLimits());
    EXPECT_EQ(FeedAll(r, c.bytes), Step::kError) << c.name;
    EXPECT_EQ(r.error().status, c.status) << c.name << ": " << r.error().message;
    EXPECT_NE(r.error().message.find(c.message_part), std::string::npos) << c.name << ": " << r.error().message;
  }
}

TEST(RequestReader, TricklingBytesAreReadOneAtATime) {
  const std::string request = "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok";
  RequestReader r(SmallLimits());
  std::string pending;
  Step step = Step::kNeedMore;
  for (char c : request) {
    pending.push_back(c);
    pending.erase(0, r.Feed(pending, &step));
    if (step == Step::kHeader) {
      r.ContinueWithBody({SIZE_MAX, {}});
      pending.erase(0, r.Feed(pending, &step));
    }
    ASSERT_NE(step, Step::kError) << r.error().message;
  }
  EXPECT_EQ(step, Step::kDone);
  EXPECT_EQ(r.Take().body, "ok");
}

TEST(RequestReader, EndOfStreamIsCleanOnlyBetweenRequests) {
  RequestReader idle(SmallLimits());
  EXPECT_EQ(idle.FeedEof(), Step::kDone);
  RequestReader cut(SmallLimits());
  Step step;
  cut.Feed("GET / HT", &step);
  EXPECT_EQ(cut.FeedEof(), Step::kError);
  EXPECT_EQ(cut.error().status, 400);
}

}  // namespace
}  // namespace jianmei::server
