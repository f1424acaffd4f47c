// The ceiling: a bare Vectorscan literal scan of the folded lexicon (hs_compile_lit_multi, SOM
// leftmost) over each line of a file, counting matches. Prints MB/s, lines/s and compile time.
#include <hs/hs.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

static int OnMatch(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
  ++*static_cast<size_t*>(ctx);
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 3) return 2;
  std::vector<std::string> terms, lines;
  std::ifstream lf(argv[1]), pf(argv[2]);
  for (std::string s; std::getline(lf, s);) if (!s.empty()) terms.push_back(s);
  size_t bytes = 0;
  for (std::string s; std::getline(pf, s);) { bytes += s.size(); lines.push_back(std::move(s)); }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<const char*> exprs;
  std::vector<size_t> lens;
  std::vector<unsigned> flags(terms.size(), HS_FLAG_SOM_LEFTMOST), ids(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) { exprs.push_back(terms[i].data()); lens.push_back(terms[i].size()); ids[i] = i; }
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), terms.size(), HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) return 2;
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  const auto t1 = std::chrono::steady_clock::now();
  size_t matches = 0;
  for (int round = 0; round < 5; ++round)
    for (const auto& l : lines) hs_scan(db, l.data(), l.size(), 0, scratch, OnMatch, &matches);
  const auto t2 = std::chrono::steady_clock::now();
  const double s = std::chrono::duration<double>(t2 - t1).count() / 5;
  std::cout << "compile_ms " << std::chrono::duration<double, std::milli>(t1 - t0).count()
            << " mb_per_s " << bytes / 1e6 / s << " posts_per_s " << lines.size() / s
            << " matches " << matches / 5 << "\n";
}
