#include "bench/literal_ceiling.h"

#include <hs/hs.h>

#include <fstream>

#include "match/vectorscan_runtime.h"

namespace jianmei::bench {
namespace {

int CountMatch(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
  ++*static_cast<size_t*>(ctx);
  return 0;
}

}  // namespace

std::unique_ptr<LiteralCeiling> LiteralCeiling::Compile(const std::vector<std::string>& terms,
                                                        std::string* error) {
  std::vector<const char*> exprs;
  std::vector<size_t> lens;
  std::vector<unsigned> flags(terms.size(), HS_FLAG_SOM_LEFTMOST), ids(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) {
    exprs.push_back(terms[i].data());
    lens.push_back(terms[i].size());
    ids[i] = static_cast<unsigned>(i);
  }
  std::unique_ptr<LiteralCeiling> c(new LiteralCeiling());
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                           static_cast<unsigned>(terms.size()), HS_MODE_BLOCK,
                           match::Runtime().platform, &c->db_, &err) != HS_SUCCESS) {
    *error = err ? err->message : "hs_compile_lit_multi failed";
    hs_free_compile_error(err);
    return nullptr;
  }
  if (hs_alloc_scratch(c->db_, &c->scratch_) != HS_SUCCESS) {
    *error = "hs_alloc_scratch failed";
    return nullptr;
  }
  return c;
}

LiteralCeiling::~LiteralCeiling() {
  hs_free_scratch(scratch_);
  hs_free_database(db_);
}

size_t LiteralCeiling::Scan(std::string_view text) {
  size_t matches = 0;
  match::Runtime().scan(db_, text.data(), static_cast<unsigned>(text.size()), 0, scratch_,
                        CountMatch, &matches);
  return matches;
}

bool ReadLines(const std::string& path, std::vector<std::string>* lines) {
  std::ifstream in(path);
  if (!in) return false;
  for (std::string s; std::getline(in, s);) lines->push_back(std::move(s));
  return true;
}

}  // namespace jianmei::bench
