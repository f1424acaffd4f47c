// `jianmei scan`: JSON Lines in, one JSON line out per input line, in input order
// (design doc §4), screened on all cores.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <istream>
#include <ostream>
#include <string>

#include <filesystem>

#include "campaign/index.h"
#include "cli/app.h"
#include "screen/pipeline.h"

namespace jianmei::cli {

// More screening threads than this is a failure (each holds a scratch; no machine has the cores).
inline constexpr unsigned kMaxScanThreads = 1024;

struct ScanOptions {
  unsigned threads = 0;                  // 0 = all cores; at most kMaxScanThreads
  size_t max_line_bytes = 1 << 20;       // longer lines become error records
  size_t batch_lines = 1024;             // lines screened in parallel before output
  bool pretty = false;                   // human-readable instead of JSON
  bool progress = false;                 // progress line on stderr
  const campaign::Index* campaigns = nullptr;  // --campaigns-index: adds "campaign" (JSON only)
  // Relative image paths resolve against this (--image-dir; default: the input file's
  // directory, or the current one for standard input).
  std::filesystem::path image_dir = ".";
  // Image files larger than this are not read (the OCR engine's limit when the pipeline has one).
  size_t max_image_bytes = image::ImageLimits{}.max_bytes;
};

struct ScanCounts {
  size_t lines = 0, errors = 0, violation = 0, suspect = 0, clean = 0;
  size_t image_errors = 0;  // images named as errors in screened records (not error records)
  // Why the scan failed (no scratch, a read or write error), already written to `err`; empty
  // when every line of the input was read and its record written.
  std::string failure;
};

// Screens every line of `in` through `pipeline`; returns the counts. Never throws for bad input.
ScanCounts RunScan(const screen::Pipeline& pipeline, std::istream& in, std::ostream& out,
                   std::ostream& err, const ScanOptions& options);

void AddScanCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace jianmei::cli
