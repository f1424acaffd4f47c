// The keys an institution is found by, folded with the knowledge base's normaliser as posts and
// queries are: its name and aliases (exact look-up), its name cores as the screener matches them
// (match keys: the core folded, repeated Han characters collapsed as in a folded post), and the
// text `registry search` looks in. Stored beside each record (store/registry_store.h) and
// computed the same way in memory (MemorySource). Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "registry/model.h"
#include "text/normalizer.h"

namespace jianmei::registry {

// Bump when the keys computed for the same record change (a new fold table, new core rules):
// stored keys of another version are recomputed when the registry is next opened for writing.
inline constexpr int kNameKeysVersion = 1;

struct NameKeys {
  std::vector<std::string> names;  // folded name and aliases, each once
  std::vector<std::string> cores;  // match keys, each once
  std::string search;              // folded name, aliases and licence, '\n'-separated
};
NameKeys KeysOf(const text::Normalizer& normalizer, const Institution& institution);

// A core's match key: folded, repeats collapsed (what the screener's folded text holds).
std::string MatchKey(const text::Normalizer& normalizer, std::string_view core);

// Whether a match key is too short to name an institution alone: it counts in a post only when
// an institution word follows it (name_cores.h kStandaloneCoreChars).
bool NeedsSuffix(std::string_view key);

}  // namespace jianmei::registry
