// `jianmei scan` on bad and good input: one output line per input line, in order, never a crash.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "cli/scan_command.h"
#include "screen/report_json.h"
#include "screen/report_json_writer.h"
#include "tests/test_screener.h"

namespace jianmei {
namespace {

using ::testing::HasSubstr;

std::vector<nlohmann::json> Scan(const std::string& input, cli::ScanOptions options,
                                 cli::ScanCounts* counts = nullptr) {
  auto pipeline = testing::RepoPipeline();
  std::istringstream in(input);
  std::ostringstream out, err;
  cli::ScanCounts c = cli::RunScan(*pipeline, in, out, err, options);
  if (counts) *counts = c;
  std::vector<nlohmann::json> lines;
  std::istringstream o(out.str());
  std::string line;
  while (std::getline(o, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(Scan, EveryBadLineYieldsOneErrorRecordAndProcessingContinues) {
  cli::ScanOptions options;
  options.max_line_bytes = 1 << 20;
  std::string huge = R"({"id":"big","text":")" + std::string(10 * 1024 * 1024, 'a') + "\"}";
  std::string input = std::string(R"({"id":"ok1","text":"小腿肌肉阻断术，没有副作用"})") + "\n" +
                      "{\"id\":\"bad-utf8\",\"text\":\"\xC3\x28\"}\n" +
                      "this is not json\n" +
                      R"({"id":"notext","body":"x"})" + "\n" +
                      huge + "\n" +
                      "\n" +
                      R"({"id":"ok2","text":"今天天气很好"})" + "\n";
  cli::ScanCounts counts;
  auto out = Scan(input, options, &counts);
  ASSERT_EQ(out.size(), 7u);
  EXPECT_EQ(out[0]["id"], "ok1");
  EXPECT_EQ(out[0]["verdict"], "violation");
  EXPECT_EQ(out[1]["line"], 2);
  EXPECT_THAT(out[1]["error"].get<std::string>(), HasSubstr("invalid UTF-8"));
  EXPECT_THAT(out[2]["error"].get<std::string>(), HasSubstr("not JSON"));
  EXPECT_EQ(out[3]["id"], "notext");
  EXPECT_THAT(out[3]["error"].get<std::string>(), HasSubstr("text: missing (required)"));
  EXPECT_EQ(out[4]["line"], 5);
  EXPECT_THAT(out[4]["error"].get<std::string>(), HasSubstr("longer than the limit"));
  EXPECT_THAT(out[5]["error"].get<std::string>(), HasSubstr("empty line"));
  EXPECT_EQ(out[6]["id"], "ok2");
  EXPECT_EQ(out[6]["verdict"], "clean");
  EXPECT_EQ(counts.lines, 7u);
  EXPECT_EQ(counts.errors, 5u);
}

TEST(Scan, EmptyInputYieldsNothing) {
  cli::ScanCounts counts;
  EXPECT_TRUE(Scan("", {}, &counts).empty());
  EXPECT_EQ(counts.lines, 0u);
}

// Every seventh line is an error record, which a thread writes into the same output buffer as
// its screened lines: records stay in input order whichever thread made them.
TEST(Scan, OutputIsTheSameAndInOrderWithManyThreads) {
  std::string input;
  for (int i = 0; i < 3000; ++i) {
    if (i % 7 == 6) {
      input += R"({"id":"p)" + std::to_string(i) + R"(","body":"no text"})" "\n";
      continue;
    }
    input += R"({"id":"p)" + std::to_string(i) + R"(","text":")" +
             (i % 3 == 0 ? "小腿肌肉阻断术，不反弹，加V预约" : i % 3 == 1 ? "今天去爬山" : "双眼皮多少钱") +
             "\"}\n";
  }
  cli::ScanOptions one, two, many;
  one.threads = 1;
  two.threads = 2;  // one pool thread and the calling thread
  two.batch_lines = 100;
  many.threads = 4;
  many.batch_lines = 100;
  auto a = Scan(input, one), b = Scan(input, many), c = Scan(input, two);
  ASSERT_EQ(a.size(), 3000u);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, c);
  for (int i = 0; i < 3000; ++i) {
    EXPECT_EQ(a[i]["id"], "p" + std::to_string(i));
    EXPECT_EQ(a[i].contains("error"), i % 7 == 6) << i;
  }
}

TEST(Scan, IdComesFirstAndUnknownFieldsAreReported) {
  std::istringstream in(R"({"text":"x","id":"z","likes":1})");
  std::ostringstream out, err;
  cli::RunScan(*testing::RepoPipeline(), in, out, err, {});
  EXPECT_EQ(out.str().rfind("{\"id\":\"z\",", 0), 0u) << out.str();
  EXPECT_THAT(out.str(), HasSubstr("unknown field \\\"likes\\\" ignored"));
}

// A read or write error is a failure, not the end of the input or a finished scan.
TEST(Scan, ReadAndWriteErrorsAreFailures) {
  auto screener = testing::RepoPipeline();
  std::ostringstream out, err;
  std::ifstream dir(JIANMEI_SOURCE_DIR "/src", std::ios::binary);  // opens; reading fails
  cli::ScanCounts c = cli::RunScan(*screener, dir, out, err, {});
  EXPECT_THAT(c.failure, HasSubstr("cannot read the input after line 0"));
  EXPECT_THAT(err.str(), HasSubstr(c.failure));

  std::istringstream in(R"({"id":"a","text":"x"})");
  std::ostream closed(nullptr);  // no buffer: every write fails
  c = cli::RunScan(*screener, in, closed, err, {});
  EXPECT_EQ(c.lines, 1u);
  EXPECT_THAT(c.failure, HasSubstr("cannot write the output"));

  std::istringstream good(R"({"id":"a","text":"x"})");
  EXPECT_EQ(cli::RunScan(*screener, good, out, err, {}).failure, "");
}

// `scan` and the server write reports without building a JSON tree; their bytes must be exactly
// what the nlohmann serialisation of the same report gives (check --json uses that one).
TEST(Scan, DirectWriterMatchesTheJsonTreeByteForByte) {
  auto screener = testing::RepoScreener();
  ASSERT_TRUE(screener);
  auto scratch = screener->NewScratch();
  ASSERT_TRUE(scratch.ok());
  std::vector<std::string> texts = {
      "小腿\x0b肌肉阻断术，\"没有副作用\"\t不反弹\\，加v\x1f预约\n仅需39800",
      "xiaotuijirouzuduanshu，没有副作用，加v预约",  // pinyin: a confidence below 1
      "小腿组断，永久不反弹，私人渠道玻尿酸，vx abc123",
      "本诊所可以做隆胸，全麻，最好的医生，加微信",
  };
  std::ifstream corpus(std::string(JIANMEI_SOURCE_DIR) + "/tests/corpus/corpus.jsonl");
  ASSERT_TRUE(corpus);
  for (std::string line; std::getline(corpus, line);) {
    texts.push_back(nlohmann::json::parse(line)["text"].get<std::string>());
  }
  size_t with_findings = 0, with_confidence = 0;
  const std::vector<std::string> warnings = {"unknown field \"a\x1f\" ignored"};
  for (const std::string& text : texts) {
    auto report = screener->Screen(text, **scratch);
    ASSERT_TRUE(report.ok());
    // The context judgement, with cues that need escaping and one the caller gave (no words).
    if (!report->findings.empty() && with_findings % 3 == 1) {
      report->kind = screen::TextKind::kPromotion;
      report->cues.push_back({"price\"\x1b", report->findings[0].span, true});
      report->cues.push_back({"channel", {}, false});
    }
    nlohmann::json j = screen::ReportToJson(*report, text);
    const std::string id = "id\"\x1b";
    // The record: id first, the report's keys (sorted, as nlohmann writes them), warnings, then
    // the extra fields in the order given.
    const std::string report_part = j.dump().substr(1, j.dump().size() - 2);
    const std::string expected = "{\"id\":" + nlohmann::json(id).dump() + "," + report_part +
                                 ",\"warnings\":" + nlohmann::json(warnings).dump() +
                                 ",\"campaign\":\"c\\n1\",\"stored_id\":-42}";
    std::string got;
    const screen::OutputField extra[] = {{"campaign", std::string_view("c\n1")}, {"stored_id", int64_t{-42}}};
    screen::AppendReportJson(*report, text, {.id = id, .warnings = &warnings, .extra = extra}, &got);
    EXPECT_EQ(got, expected);
    got.clear();
    screen::AppendReportJson(*report, text, {}, &got);
    EXPECT_EQ(got, screen::ReportToJson(*report, text).dump());
    with_findings += !report->findings.empty();
    for (const auto& f : report->findings) with_confidence += f.confidence < 100;
  }
  EXPECT_GT(with_findings, 100u);
  EXPECT_GT(with_confidence, 0u);
}

// The escaper looks at 16 bytes at a time: every byte that needs escaping, at every offset
// around those blocks, among multi-byte characters, must come out as nlohmann writes it.
TEST(Scan, JsonStringEscapesAtEveryOffset) {
  const std::string filler = "腿a\x7f\xc3\xa9";  // Han, ASCII, DEL, é: none needs escaping
  for (int special = 0; special < 0x80; ++special) {
    const char c = static_cast<char>(special);
    if (special >= 0x20 && c != '"' && c != '\\') continue;
    for (size_t at = 0; at < 40; ++at) {
      std::string text;
      while (text.size() < at) text += filler;
      text.resize(at);  // may cut a character: invalid UTF-8 is copied as it is
      text += c;
      text += "尾巴";
      std::string got;
      screen::AppendJsonString(text, &got);
      const std::string expected =
          nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::ignore);
      // nlohmann drops invalid bytes under `ignore`; compare only texts it keeps whole.
      if (nlohmann::json::parse(expected).get<std::string>() != text) continue;
      EXPECT_EQ(got, expected) << "byte " << special << " at " << at;
    }
  }
}

// The writer makes room ahead for a string copied as it is; every escape makes room for its own
// extra bytes. Runs of escapes far longer than that room, after text already in the output and
// between long plain runs, must all come out, with nothing before them lost.
TEST(Scan, JsonStringMakesRoomForEveryEscape) {
  const std::string plain(37, 'a');
  for (const size_t run : {1, 15, 16, 17, 200, 5000}) {
    for (const char special : {'\x01', '"', '\n'}) {
      const std::string text =
          plain + std::string(run, special) + "腿" + plain + std::string(run, special);
      std::string got = "already here,";
      screen::AppendJsonString(text, &got);
      got += ",after";
      EXPECT_EQ(got, "already here," + nlohmann::json(text).dump() + ",after")
          << "run " << run << " of byte " << int{special};
    }
  }
}

// --threads above the bound is a failure that names the option and the bound, before any
// thread or scratch is made (40,000 threads ended in an uncaught std::system_error).
TEST(Scan, ThreadsAboveTheBoundAreAFailureNamingTheBound) {
  cli::ScanOptions options;
  options.threads = 1025;  // cli::kMaxScanThreads + 1
  cli::ScanCounts counts;
  auto out = Scan("{\"text\":\"a\"}\n", options, &counts);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(counts.failure, "--threads 1025: more than the limit of 1024 threads");
  options.threads = 64;
  options.batch_lines = 4;
  out = Scan("{\"text\":\"a\"}\n", options, &counts);
  EXPECT_EQ(out.size(), 1u);
  EXPECT_EQ(counts.failure, "");
}

}  // namespace
}  // namespace jianmei
