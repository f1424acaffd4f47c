// registry_gen COUNT [SEED] > institutions.csv — a generated registry in the proportions of the
// real register (bench/registry_generator.h), as `jianmei registry import` CSV.
// registry_gen --mix — the proportions and their sources.
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "bench/registry_generator.h"

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--mix") == 0) {
    size_t n = 0;
    const jianmei::bench::RegistryMixLine* mix = jianmei::bench::RegistryMix(&n);
    std::cout << "kind\ttype\tshare\tsource\n";
    for (size_t i = 0; i < n; ++i) {
      std::cout << mix[i].kind << "\t" << mix[i].type << "\t" << mix[i].share * 100 << "%\t" << mix[i].source << "\n";
    }
    return 0;
  }
  if (argc < 2) {
    std::cerr << "usage: registry_gen COUNT [SEED] > institutions.csv | registry_gen --mix\n";
    return 2;
  }
  const size_t count = std::strtoull(argv[1], nullptr, 10);
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  std::ios::sync_with_stdio(false);
  jianmei::bench::WriteRegistryCsv(std::cout, count, seed);
  std::cout.flush();
  return std::cout ? 0 : 1;
}
