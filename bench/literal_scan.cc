// The ceiling: a bare Vectorscan literal scan of the folded lexicon (bench/literal_ceiling.h) over
// each line of a file. Prints MB/s, lines/s, matches and compile time.
// Usage: literal_scan LEXICON_TXT POSTS_TXT
#include <chrono>
#include <iostream>

#include "bench/literal_ceiling.h"

int main(int argc, char** argv) {
  using jianmei::bench::ReadLines;
  if (argc < 3) return 2;
  std::vector<std::string> terms, lines;
  if (!ReadLines(argv[1], &terms) || !ReadLines(argv[2], &lines)) return 2;
  std::erase(terms, "");
  size_t bytes = 0;
  for (const auto& l : lines) bytes += l.size();
  const auto t0 = std::chrono::steady_clock::now();
  std::string error;
  auto ceiling = jianmei::bench::LiteralCeiling::Compile(terms, &error);
  if (!ceiling) {
    std::cerr << "literal_scan: " << error << "\n";
    return 2;
  }
  const auto t1 = std::chrono::steady_clock::now();
  size_t matches = 0;
  for (int round = 0; round < 5; ++round)
    for (const auto& l : lines) matches += ceiling->Scan(l);
  const auto t2 = std::chrono::steady_clock::now();
  const double s = std::chrono::duration<double>(t2 - t1).count() / 5;
  std::cout << "compile_ms " << std::chrono::duration<double, std::milli>(t1 - t0).count()
            << " mb_per_s " << bytes / 1e6 / s << " posts_per_s " << lines.size() / s << " matches "
            << matches / 5 << "\n";
}
