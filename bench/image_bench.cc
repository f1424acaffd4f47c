// The image benchmark (bench/images/README.md): over pictures made by bench/images/generate.py,
// the OCR's character error rate against the ground truth beside each picture, whether the
// findings from each picture equal those from its ground-truth text, pictures per second on one
// core (reading and screening) and the peak RSS — for the clean renders and the degraded copies.
//
//   image_bench DIR [--binarize] [--psm N] [--languages L]
//   (DIR/NNN-clean.png, DIR/NNN-degraded.jpg, DIR/NNN.txt; the options try other OCR settings)
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "image/ocr_engine.h"
#include "kb/knowledge.h"
#include "screen/pipeline.h"

namespace fs = std::filesystem;
using namespace jianmei;

namespace {

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Code points other than white space: layout is not what CER measures.
std::u32string Chars(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    const char32_t cp = utf8::Decode(s, i, &len);
    i += len;
    if (cp != U' ' && cp != U'\n' && cp != U'\t' && cp != U'\r') out.push_back(cp);
  }
  return out;
}

size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// What a comparison of findings looks at: category and rule, as a sorted list.
std::vector<std::string> FindingKeys(const screen::Report& r) {
  std::vector<std::string> keys;
  for (const auto& f : r.findings) keys.push_back(std::string(CategoryName(f.category)) + "/" + f.rule);
  std::sort(keys.begin(), keys.end());
  return keys;
}

struct Tally {
  size_t pictures = 0, errors = 0, edits = 0, chars = 0, equal_findings = 0;
  double seconds = 0;
};

}  // namespace

int main(int argc, char** argv) {
  image::OcrOptions ocr_options;
  bool verbose = false;  // each picture's CER and reading
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--binarize") ocr_options.preprocess.binarize = true;
    else if (a == "--verbose") verbose = true;
    else if (a == "--psm" && i + 1 < argc) ocr_options.page_segmentation = std::atoi(argv[++i]);
    else if (a == "--languages" && i + 1 < argc) ocr_options.languages = argv[++i];
    else argc = 0;
  }
  if (argc < 2) {
    std::cerr << "usage: image_bench DIR [--binarize] [--psm N] [--languages L] [--verbose]   (pictures from bench/images/generate.py)\n";
    return 2;
  }
  auto normalizer = text::Normalizer::Create();
  std::vector<kb::Diagnostic> diagnostics;
  auto kb = normalizer.ok() ? kb::Knowledge::Load(std::string(JIANMEI_SOURCE_DIR) + "/kb", *normalizer, &diagnostics)
                            : Result<std::shared_ptr<const kb::Knowledge>>(normalizer.status());
  if (!kb.ok()) return std::cerr << "image_bench: " << kb.status().ToString() << "\n", 2;
  auto screener = screen::Screener::Create(*kb, *normalizer);
  auto ocr = image::OcrEngine::Create(ocr_options);
  if (!screener.ok() || !ocr.ok()) {
    std::cerr << "image_bench: " << (!screener.ok() ? screener.status() : ocr.status()).ToString() << "\n";
    return 2;
  }
  const auto pipeline = screen::Pipeline::Create(*screener, nullptr, *ocr);
  auto scratch = pipeline->NewScratch();
  if (!scratch.ok()) return 2;

  std::vector<fs::path> truths;
  for (const auto& e : fs::directory_iterator(argv[1])) {
    if (e.path().extension() == ".txt") truths.push_back(e.path());
  }
  std::sort(truths.begin(), truths.end());
  Tally tally[2];
  const char* kVariants[2] = {"-clean.png", "-degraded.jpg"};
  for (const fs::path& truth_path : truths) {
    std::string truth = ReadFile(truth_path);
    while (!truth.empty() && truth.back() == '\n') truth.pop_back();
    auto truth_report = pipeline->Screen(truth, **scratch);
    if (!truth_report.ok()) return 2;
    const auto truth_keys = FindingKeys(*truth_report);
    const std::u32string truth_chars = Chars(truth);
    for (int v = 0; v < 2; ++v) {
      const fs::path picture = truth_path.parent_path() / (truth_path.stem().string() + kVariants[v]);
      if (!fs::exists(picture)) continue;
      screen::Post post;
      post.images = {{picture.filename().string(), ReadFile(picture), ""}};
      const auto t0 = std::chrono::steady_clock::now();
      auto report = pipeline->Screen(post, **scratch);
      tally[v].seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      ++tally[v].pictures;
      if (!report.ok() || !report->images[0].error.empty()) {
        ++tally[v].errors;
        tally[v].edits += truth_chars.size();
        tally[v].chars += truth_chars.size();
        continue;
      }
      const std::string& read = report->images[0].text.text;
      const size_t edits = EditDistance(Chars(read), truth_chars);
      if (verbose) {
        std::cout << fmt::format("{} CER {:.1f}%: {}\n", picture.filename().string(),
                                 100.0 * double(edits) / double(std::max<size_t>(1, truth_chars.size())), read);
      }
      tally[v].edits += edits;
      tally[v].chars += truth_chars.size();
      if (FindingKeys(*report) == truth_keys) ++tally[v].equal_findings;
    }
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double targets[2][2] = {{0.03, 0.90}, {0.10, 0.75}};  // issue 26: CER ≤, findings equal ≥
  std::cout << fmt::format("{:<9} {:>8} {:>6} {:>8} {:>16} {:>14}\n", "pictures", "count", "errors",
                           "CER", "findings equal", "pictures/s/core");
  for (int v = 0; v < 2; ++v) {
    const Tally& t = tally[v];
    if (t.pictures == 0) continue;
    const double cer = t.chars ? double(t.edits) / double(t.chars) : 0;
    const double equal = double(t.equal_findings) / double(t.pictures);
    std::cout << fmt::format("{:<9} {:>8} {:>6} {:>7.2f}% {:>15.1f}% {:>14.2f}   target CER ≤ {:.0f}% {}, findings ≥ {:.0f}% {}\n",
                             v == 0 ? "clean" : "degraded", t.pictures, t.errors, 100 * cer, 100 * equal,
                             double(t.pictures) / t.seconds, 100 * targets[v][0],
                             cer <= targets[v][0] ? "met" : "NOT met", 100 * targets[v][1],
                             equal >= targets[v][1] ? "met" : "NOT met");
  }
  std::cout << fmt::format("OCR: {}, page segmentation {}, {}\n", ocr_options.languages,
                           ocr_options.page_segmentation, ocr_options.preprocess.binarize ? "binarised" : "gray");
  std::cout << fmt::format("peak RSS {:.0f} MB (one thread; knowledge base and Tesseract)\n",
                           usage.ru_maxrss / 1024.0);
  return 0;
}
