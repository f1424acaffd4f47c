#include "registry/name_keys.h"

#include <algorithm>

#include "registry/name_cores.h"

namespace jianmei::registry {
namespace {

void AddOnce(std::vector<std::string>* v, std::string s) {
  if (!s.empty() && std::find(v->begin(), v->end(), s) == v->end()) v->push_back(std::move(s));
}

}  // namespace

std::string MatchKey(const text::Normalizer& normalizer, std::string_view core) {
  return text::CollapseRepeats(normalizer.Fold(core));
}

bool NeedsSuffix(std::string_view key) {
  int n = 0;
  for (unsigned char c : key) n += (c & 0xC0) != 0x80;  // code points; cores are Han in practice
  return n < kStandaloneCoreChars;
}

NameKeys KeysOf(const text::Normalizer& normalizer, const Institution& institution) {
  NameKeys k;
  // Folded like the query, so that a licence with letters is found whatever their case.
  k.search = normalizer.Fold(institution.name) + '\n' + normalizer.Fold(institution.licence);
  AddOnce(&k.names, normalizer.Fold(institution.name));
  for (const std::string& a : institution.aliases) {
    AddOnce(&k.names, normalizer.Fold(a));
    k.search += '\n' + normalizer.Fold(a);
  }
  for (const std::string& core : NameCores(institution)) AddOnce(&k.cores, MatchKey(normalizer, core));
  return k;
}

}  // namespace jianmei::registry
