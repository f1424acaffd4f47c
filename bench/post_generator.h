// Generates realistic medical-aesthetics posts for benchmarks: a mix of ads (procedure, claims,
// prices, contact lines, emoji, evasions), complaints, news and everyday text. Deterministic
// for a given seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jianmei::bench {

std::vector<std::string> GeneratePosts(size_t count, uint64_t seed);

}  // namespace jianmei::bench
