#include "cli/scan_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/line_reader.h"
#include "cli/post.h"
#include "cli/text_report.h"
#include "screen/report_json.h"

namespace jianmei::cli {
namespace {

struct LineResult {
  std::string output;
  screen::Verdict verdict = screen::Verdict::kClean;
  bool error = false;
};

struct Line {
  std::string content;
  size_t length = 0;
  size_t number = 0;
};

nlohmann::json ErrorRecord(size_t line, const std::string& message, const std::string& id) {
  nlohmann::json j = {{"line", line}};
  if (!id.empty()) j["id"] = id;
  j["error"] = message;
  return j;
}

LineResult ScreenLine(const screen::Screener& screener, screen::Screener::Scratch& scratch,
                      const Line& line, const ScanOptions& options) {
  LineResult r;
  auto fail = [&](const std::string& message, const std::string& id) {
    r.error = true;
    r.output = options.pretty ? fmt::format("line {}: error: {}\n", line.number, message)
                              : ErrorRecord(line.number, message, id).dump() + "\n";
    return r;
  };
  if (line.length > options.max_line_bytes) {
    return fail(fmt::format("line is {} bytes, longer than the limit of {} (--max-line-bytes)",
                            line.length, options.max_line_bytes), "");
  }
  std::string id;
  auto post = ParsePost(line.content, &id);
  if (!post.ok()) return fail(post.status().message(), id);
  auto report = screener.Screen(post->text, scratch);
  if (!report.ok()) return fail(report.status().ToString(), id);
  r.verdict = report->verdict;
  if (options.pretty) {
    std::ostringstream s;
    s << "── " << (post->has_id ? post->id : fmt::format("line {}", line.number)) << ": "
      << post->text.substr(0, post->text.size() > 240 ? 240 : post->text.size()) << "\n";
    PrintReport(*report, post->text, s);
    r.output = s.str();
    return r;
  }
  nlohmann::json j = screen::ReportToJson(*report, post->text);
  if (!post->warnings.empty()) j["warnings"] = post->warnings;
  if (options.campaigns) {
    if (const std::string* c = options.campaigns->CampaignOf(post->text)) j["campaign"] = *c;
  }
  // The contract puts id first; nlohmann orders keys alphabetically, so emit it by hand.
  std::string body = j.dump();
  if (post->has_id) body = "{\"id\":" + nlohmann::json(post->id).dump() + "," + body.substr(1);
  r.output = std::move(body) + "\n";
  return r;
}

}  // namespace

ScanCounts RunScan(const screen::Screener& screener, std::istream& in, std::ostream& out,
                   std::ostream& err, const ScanOptions& options) {
  const unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::unique_ptr<screen::Screener::Scratch>> scratches;
  for (unsigned i = 0; i < threads; ++i) {
    auto s = screener.NewScratch();
    if (!s.ok()) {
      err << "jianmei scan: " << s.status().ToString() << "\n";
      return {};
    }
    scratches.push_back(std::move(*s));
  }
  LineReader reader(in, options.max_line_bytes);
  ScanCounts counts;
  std::vector<Line> batch(options.batch_lines);
  std::vector<LineResult> results(options.batch_lines);
  for (;;) {
    size_t n = 0;
    while (n < batch.size() && reader.Next(&batch[n].content, &batch[n].length)) {
      batch[n].number = reader.line_number();
      ++n;
    }
    if (n == 0) break;
    std::atomic<size_t> next{0};
    auto work = [&](unsigned t) {
      for (size_t i = next++; i < n; i = next++) {
        results[i] = ScreenLine(screener, *scratches[t], batch[i], options);
      }
    };
    if (threads == 1 || n == 1) {
      work(0);
    } else {
      std::vector<std::thread> pool;
      for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
      for (auto& th : pool) th.join();
    }
    for (size_t i = 0; i < n; ++i) {
      out << results[i].output;
      ++counts.lines;
      if (results[i].error) ++counts.errors;
      else if (results[i].verdict == screen::Verdict::kViolation) ++counts.violation;
      else if (results[i].verdict == screen::Verdict::kSuspect) ++counts.suspect;
      else ++counts.clean;
    }
    if (options.progress) {
      err << fmt::format("\rjianmei scan: {} lines, {} violation, {} errors", counts.lines,
                         counts.violation, counts.errors) << std::flush;
    }
    if (n < batch.size()) break;
  }
  out.flush();
  if (options.progress) err << "\n";
  return counts;
}

void AddScanCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto options = std::make_shared<ScanOptions>();
  auto input = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "Screen JSON Lines posts ({\"text\":…, \"id\":…}) from FILE or stdin; one JSON "
              "line out per line in, in order. Exit 0: all lines screened; 1: some lines were "
              "error records; 2: failure.");
  cmd->add_option("file", *input, "input file (default: standard input)");
  cmd->add_option("--threads", options->threads, "worker threads (default: all cores)");
  cmd->add_option("--max-line-bytes", options->max_line_bytes,
                  "longest accepted line; longer ones become error records")
      ->capture_default_str();
  cmd->add_flag("--pretty", options->pretty, "human-readable output instead of JSON Lines");
  auto campaigns_index = std::make_shared<std::string>();
  cmd->add_option("--campaigns-index", *campaigns_index,
                  "index saved by `campaigns --save-index`: add each post's \"campaign\" id");
  cmd->callback([options, input, campaigns_index, &global, exit_code] {
    std::unique_ptr<campaign::Index> campaigns;
    if (!campaigns_index->empty()) {
      auto loaded = campaign::Index::LoadFile(*campaigns_index);
      if (!loaded.ok()) {
        std::cerr << "jianmei scan: " << loaded.status().ToString() << "\n";
        *exit_code = kExitFailure;
        return;
      }
      campaigns = std::move(*loaded);
      options->campaigns = campaigns.get();
    }
    auto screener = LoadScreener(global);
    if (!screener.ok()) {
      std::cerr << "jianmei scan: " << screener.status().ToString() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    std::ifstream file;
    std::istream* in = OpenInput(*input, "scan", &file);
    if (!in) {
      *exit_code = kExitFailure;
      return;
    }
    options->progress = isatty(STDERR_FILENO) && !options->pretty;
    std::ios::sync_with_stdio(false);
    ScanCounts c = RunScan(**screener, *in, std::cout, std::cerr, *options);
    if (c.lines == 0) {
      std::cerr << "jianmei scan: the input is empty (0 lines)\n";
    } else {
      std::cerr << fmt::format("jianmei scan: {} lines: {} violation, {} suspect, {} clean, {} "
                               "error records\n",
                               c.lines, c.violation, c.suspect, c.clean, c.errors);
    }
    *exit_code = c.errors ? kExitInputErrors : kExitOk;
  });
}

}  // namespace jianmei::cli
