// Writes the inputs of bench/peers.sh into a directory: posts.jsonl and posts.txt (the same
// realistic posts, bench/post_generator.h), lexicon.txt (every literal term of kb/, folded, one
// per line) and evasion.tsv (trick, term, text: the evasion suite, tests/evasion_suite.h).
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "bench/post_generator.h"
#include "kb/knowledge.h"
#include "kb/lexicon.h"
#include "tests/evasion_suite.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_gen OUT_DIR POSTS [KB_DIR]\n";
    return 2;
  }
  const std::string out = argv[1];
  const size_t n = std::stoul(argv[2]);
  auto normalizer = jianmei::text::Normalizer::Create();
  std::vector<jianmei::kb::Diagnostic> diagnostics;
  auto kb = jianmei::kb::Knowledge::Load(argc > 3 ? argv[3] : JIANMEI_SOURCE_DIR "/kb", *normalizer,
                                         &diagnostics);
  if (!normalizer.ok() || !kb.ok()) {
    std::cerr << "cannot load kb\n";
    return 2;
  }
  std::ofstream jsonl(out + "/posts.jsonl"), txt(out + "/posts.txt"), lex(out + "/lexicon.txt"),
      ev(out + "/evasion.tsv");
  for (const auto& p : jianmei::bench::GeneratePosts(n, 42)) {
    jsonl << nlohmann::json{{"text", p}}.dump() << "\n";
    std::string one = p;
    for (char& c : one) if (c == '\n') c = ' ';
    txt << one << "\n";
  }
  const auto lexicon = jianmei::kb::BuildLexicon(**kb);
  for (const auto& e : lexicon) {
    if (e.literal) lex << (*normalizer)->Fold(e.display) << "\n";
  }
  auto cases = jianmei::testing::GenerateEvasions(lexicon, **normalizer);
  if (!cases.ok()) return 2;
  for (const auto& c : *cases) {
    if (c.trick.find('+') != std::string::npos) continue;  // the table shows single tricks
    std::string t = c.text;
    for (char& ch : t) if (ch == '\t' || ch == '\n') ch = ' ';
    ev << c.trick << "\t" << (*normalizer)->Fold(c.term) << "\t" << t << "\n";
  }
  return 0;
}
