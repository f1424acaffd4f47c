#include "cli/scan_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <system_error>
#include <sstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/image_files.h"
#include "cli/image_options.h"
#include "cli/line_reader.h"
#include "cli/post.h"
#include "cli/registry_screening.h"
#include "cli/text_report.h"
#include "core/utf8.h"
#include "screen/report_json_writer.h"

namespace jianmei::cli {
namespace {

// Where a line's output record lies: bytes [begin, end) of the output buffer of the thread that
// screened it (Batch::outputs).
struct LineResult {
  unsigned thread = 0;
  size_t begin = 0, end = 0;
  screen::Verdict verdict = screen::Verdict::kClean;
  bool error = false;
  size_t image_errors = 0;
};

struct Line {
  std::string content;
  size_t length = 0;
  size_t number = 0;
};

// Lines read together and screened in parallel; the buffers are reused batch after batch, so a
// steady scan allocates little beyond what screening itself needs. Each screening thread appends
// its records to its own output buffer, which the writing of the batch reads in line order: one
// contiguous buffer per thread rather than a string per line made `scan` 5% faster on one
// thread and 7% on two (alternating runs over the 100,000 bench posts).
struct Batch {
  std::vector<Line> lines;
  std::vector<LineResult> results;
  std::vector<std::string> outputs;  // per screening thread
  size_t n = 0;
};

// A line's record is appended to its thread's output buffer `out`.
struct RecordSink {
  std::string& out;
  LineResult& result;
};

nlohmann::json ErrorRecord(size_t line, const std::string& message, const std::string& id) {
  nlohmann::json j = {{"line", line}};
  if (!id.empty()) j["id"] = id;
  j["error"] = message;
  return j;
}

// What one screening thread reuses from line to line.
using ThreadScratch = std::unique_ptr<screen::Pipeline::Scratch>;

// Replaces whatever the line wrote so far with its error record.
void Fail(const Line& line, const std::string& message, const std::string& id,
          const ScanOptions& options, RecordSink sink) {
  LineResult* r = &sink.result;
  r->error = true;
  sink.out.resize(r->begin);
  sink.out += options.pretty
                  ? fmt::format("line {}: error: {}\n", line.number, message)
                  : ErrorRecord(line.number, message, id)
                            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
                        "\n";
  r->end = sink.out.size();
}

void ScreenLineOrThrow(const screen::Pipeline& pipeline, ThreadScratch& scratch, const Line& line,
                       const ScanOptions& options, RecordSink sink) {
  LineResult* r = &sink.result;
  std::string& output = sink.out;
  auto fail = [&](const std::string& message, const std::string& id) {
    Fail(line, message, id, options, sink);
  };
  if (line.length > options.max_line_bytes) {
    return fail(fmt::format("line is {} bytes, longer than the limit of {} (--max-line-bytes)",
                            line.length, options.max_line_bytes), "");
  }
  std::string id;
  auto post = ParsePost(line.content, &id, {.images = screen::ImageField::kFilePaths});
  if (!post.ok()) return fail(post.status().message(), id);
  LoadImageFiles(options.image_dir, options.max_image_bytes, &*post);
  auto report = pipeline.Screen(*post, *scratch);
  if (!report.ok()) return fail(report.status().ToString(), id);
  r->verdict = report->verdict;
  for (const screen::ImageReading& image : report->images) r->image_errors += !image.error.empty();
  if (options.pretty) {
    std::ostringstream s;
    s << "── " << (post->has_id ? post->id : fmt::format("line {}", line.number)) << ": "
      << utf8::Prefix(post->text, 240) << "\n";
    PrintReport(*report, post->text, s);
    output += s.str();
    r->end = output.size();
    return;
  }
  screen::RecordFields fields;
  if (post->has_id) fields.id = post->id;
  fields.warnings = &post->warnings;
  screen::OutputField campaign{"campaign", std::string_view()};
  if (const std::string* c = options.campaigns ? options.campaigns->CampaignOf(post->text) : nullptr) {
    campaign.value = std::string_view(*c);
    fields.extra = {&campaign, 1};
  }
  screen::AppendReportJson(*report, post->text, fields, &output);
  output.push_back('\n');
  r->end = output.size();
}

// Screens line i of batch b as screening thread t, into that thread's output buffer. An
// exception escaping a screening thread would end the process and lose every record of the
// batch; whatever a line's screening throws (a bug, or memory) becomes that line's error record.
void ScreenLine(const screen::Pipeline& pipeline, ThreadScratch& scratch, const ScanOptions& options,
                Batch& b, size_t i, unsigned t) {
  std::string& out = b.outputs[t];
  LineResult& r = b.results[i];
  r = {.thread = t, .begin = out.size(), .end = out.size()};
  const RecordSink sink{out, r};
  try {
    ScreenLineOrThrow(pipeline, scratch, b.lines[i], options, sink);
  } catch (const std::exception& e) {
    Fail(b.lines[i], std::string("internal error: ") + e.what(), "", options, sink);
  }
}

// Screening threads that work through one batch at a time, each line claimed by one thread in
// small chunks. The calling thread reads the next batch and writes the previous one meanwhile,
// then joins in (Help) as the last of the screening threads, so that n threads keep n cores busy
// rather than n + 1 threads taking turns on them.
class ScanPool {
 public:
  using Work = std::function<void(unsigned thread, size_t line)>;
  // Throws std::system_error when a thread cannot be started, after joining those that were.
  ScanPool(unsigned threads, Work work) : work_(std::move(work)) {
    try {
      for (unsigned t = 0; t < threads; ++t) threads_.emplace_back([this, t] { Run(t); });
    } catch (...) {
      StopAll();
      throw;
    }
  }
  ~ScanPool() { StopAll(); }
  void Start(size_t n) {
    {
      std::lock_guard lock(mu_);
      n_ = n;
      next_ = 0;
      busy_ = threads_.size();
      ++generation_;
    }
    start_.notify_all();
  }
  // Screens lines of the batch given to Start, as thread `t`, until every line is claimed.
  void Help(unsigned t) { Drain(t, n_); }
  void Wait() {
    std::unique_lock lock(mu_);
    done_.wait(lock, [&] { return busy_ == 0; });
  }

 private:
  static constexpr size_t kChunk = 16;
  void StopAll() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    start_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void Run(unsigned t) {
    uint64_t seen = 0;
    for (;;) {
      size_t n;
      {
        std::unique_lock lock(mu_);
        start_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        n = n_;
      }
      Drain(t, n);
      std::lock_guard lock(mu_);
      if (--busy_ == 0) done_.notify_one();
    }
  }
  void Drain(unsigned t, size_t n) {
    for (size_t i = next_.fetch_add(kChunk); i < n; i = next_.fetch_add(kChunk)) {
      for (size_t j = i; j < std::min(n, i + kChunk); ++j) work_(t, j);
    }
  }

  Work work_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable start_, done_;
  std::atomic<size_t> next_{0};
  size_t n_ = 0, busy_ = 0;
  uint64_t generation_ = 0;
  bool stop_ = false;
};

}  // namespace

ScanCounts RunScan(const screen::Pipeline& pipeline, std::istream& in, std::ostream& out,
                   std::ostream& err, const ScanOptions& options) {
  auto fail = [&](std::string why) {
    ScanCounts failed;
    failed.failure = std::move(why);
    err << "jianmei scan: " << failed.failure << "\n";
    return failed;
  };
  if (options.threads > kMaxScanThreads) {
    return fail(fmt::format("--threads {}: more than the limit of {} threads", options.threads,
                            kMaxScanThreads));
  }
  const unsigned threads = options.threads ? options.threads
                                           : std::clamp(std::thread::hardware_concurrency(), 1u,
                                                        kMaxScanThreads);
  std::vector<ThreadScratch> scratches(threads);
  for (ThreadScratch& t : scratches) {
    auto s = pipeline.NewScratch();
    if (!s.ok()) return fail(s.status().ToString());
    t = std::move(*s);
  }
  LineReader reader(in, options.max_line_bytes);
  ScanCounts counts;
  const size_t batch_lines = std::max<size_t>(1, options.batch_lines);
  Batch batches[2];
  for (Batch& b : batches) {
    b.lines.resize(batch_lines);
    b.results.resize(batch_lines);
    b.outputs.resize(threads);
  }
  auto read = [&](Batch& b) {
    for (std::string& o : b.outputs) o.clear();  // written out already
    b.n = 0;
    while (b.n < batch_lines && reader.Next(&b.lines[b.n].content, &b.lines[b.n].length)) {
      b.lines[b.n].number = reader.line_number();
      ++b.n;
    }
  };
  auto write = [&](const Batch& b) {
    for (size_t i = 0; i < b.n; ++i) {
      const LineResult& r = b.results[i];
      out.write(b.outputs[r.thread].data() + r.begin, static_cast<std::streamsize>(r.end - r.begin));
      ++counts.lines;
      counts.image_errors += r.image_errors;
      if (r.error) ++counts.errors;
      else if (r.verdict == screen::Verdict::kViolation) ++counts.violation;
      else if (r.verdict == screen::Verdict::kSuspect) ++counts.suspect;
      else ++counts.clean;
    }
    if (options.progress) {
      err << fmt::format("\rjianmei scan: {} lines, {} violation, {} errors", counts.lines,
                         counts.violation, counts.errors) << std::flush;
    }
  };
  Batch* current = &batches[0];
  Batch* following = &batches[1];
  read(*current);
  if (threads == 1) {
    // One thread does everything, in turn.
    for (; current->n > 0; read(*current)) {
      for (size_t i = 0; i < current->n; ++i) {
        ScreenLine(pipeline, scratches[0], options, *current, i, 0);
      }
      write(*current);
    }
  } else if (current->n > 0) {
    // threads - 1 pool threads; this one is the last screening thread (ScanPool).
    std::optional<ScanPool> pool;
    try {
      pool.emplace(threads - 1, [&](unsigned t, size_t i) {
        ScreenLine(pipeline, scratches[t], options, *current, i, t);
      });
    } catch (const std::system_error& e) {
      return fail(fmt::format("cannot start {} screening threads (--threads): {}", threads,
                              e.code().message()));
    }
    pool->Start(current->n);
    for (;;) {
      read(*following);
      pool->Help(threads - 1);
      pool->Wait();
      std::swap(current, following);  // the workers move on to the batch just read
      if (current->n > 0) pool->Start(current->n);
      write(*following);
      if (current->n == 0) break;
    }
  }
  out.flush();
  if (options.progress) err << "\n";
  if (reader.failed()) {
    counts.failure = fmt::format("cannot read the input after line {}", reader.line_number());
  } else if (!out) {
    counts.failure = "cannot write the output (disk full or closed?)";
  }
  if (!counts.failure.empty()) err << "jianmei scan: " << counts.failure << "\n";
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
  cmd->add_option("--threads", options->threads,
                  fmt::format("worker threads, at most {} (default: all cores)", kMaxScanThreads));
  cmd->add_option("--max-line-bytes", options->max_line_bytes,
                  "longest accepted line; longer ones become error records")
      ->capture_default_str();
  cmd->add_flag("--pretty", options->pretty, "human-readable output instead of JSON Lines");
  auto image_dir = std::make_shared<std::string>();
  cmd->add_option("--image-dir", *image_dir,
                  "directory that relative image paths start from (default: the input file's)");
  auto ocr = std::make_shared<image::OcrOptions>();
  AddImageOptions(cmd, ocr.get());
  auto campaigns_index = std::make_shared<std::string>();
  cmd->add_option("--campaigns-index", *campaigns_index,
                  "index saved by `campaigns --save-index`: add each post's \"campaign\" id");
  cmd->callback([options, input, campaigns_index, image_dir, ocr, &global, exit_code] {
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
    auto loaded = LoadPipeline(global);
    if (!loaded.ok()) {
      std::cerr << "jianmei scan: " << loaded.status().ToString() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    auto pipeline = screen::Pipeline::Create((*loaded)->shared_screener(), (*loaded)->names(),
                                             LoadOcrEngine(*ocr, "scan", image::LanguageCheck::kAtFirstImage));
    options->max_image_bytes = ocr->limits.max_bytes;
    options->image_dir = !image_dir->empty() ? std::filesystem::path(*image_dir)
                         : input->empty()    ? std::filesystem::path(".")
                                             : std::filesystem::path(*input).parent_path();
    if (options->image_dir.empty()) options->image_dir = ".";
    std::ifstream file;
    std::istream* in = OpenInput(*input, "scan", &file);
    if (!in) {
      *exit_code = kExitFailure;
      return;
    }
    options->progress = isatty(STDERR_FILENO) && !options->pretty;
    std::ios::sync_with_stdio(false);
    ScanCounts c = RunScan(*pipeline, *in, std::cout, std::cerr, *options);
    if (!c.failure.empty()) {
      *exit_code = kExitFailure;
      return;
    }
    if (c.lines == 0) {
      std::cerr << "jianmei scan: the input is empty (0 lines)\n";
    } else {
      std::cerr << fmt::format("jianmei scan: {} lines: {} violation, {} suspect, {} clean, {} "
                               "error records{}\n",
                               c.lines, c.violation, c.suspect, c.clean, c.errors,
                               c.image_errors ? fmt::format(", {} images not read", c.image_errors) : "");
    }
    *exit_code = c.errors || c.image_errors ? kExitInputErrors : kExitOk;
  });
}

}  // namespace jianmei::cli
