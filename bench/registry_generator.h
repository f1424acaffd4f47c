// Generates a registry of medical institutions for benchmarks, in the shape of the real national
// register: its kinds in their proportions (村卫生室, 诊所, hospitals by class and level, community
// and township health centres, 门诊部, public-health bodies, the medical-aesthetics institutions
// among them) plus the non-medical beauty venues a platform's registry also holds, with the names,
// aliases and cities each kind has. Where each proportion comes from is in kKinds
// (registry_generator.cc) and doc/registry.md. Every name is made up from word lists (no real
// institution is named); deterministic for a given seed. Output is `registry import` CSV.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace jianmei::bench {

// Writes the header and `count` institutions.
void WriteRegistryCsv(std::ostream& out, size_t count, uint64_t seed);

// The types the generated rows have (the model's types, doc/registry.md), for reports.
struct RegistryMixLine {
  const char* kind;   // the register's kind, e.g. 村卫生室
  const char* type;   // the registry type it is given
  double share;       // of all rows
  const char* source;
};
const RegistryMixLine* RegistryMix(size_t* count);

}  // namespace jianmei::bench
