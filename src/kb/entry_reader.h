// EntryReader: typed, checked access to one TOML table of the knowledge base. Records a
// Diagnostic for every missing, mistyped or unknown key instead of throwing. Short-lived; used
// by the loader only.
#pragma once

#include <toml++/toml.h>

#include <initializer_list>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "kb/diagnostic.h"
#include "kb/entries.h"

namespace jianmei::kb {

class EntryReader {
 public:
  // A nested table (needs_id false) reports under `id` of the entry that holds it.
  EntryReader(const toml::table& table, std::string file, std::vector<Diagnostic>* out,
              bool needs_id = true, std::string owner_id = {});

  const std::string& id() const { return id_; }
  int line() const { return line_; }

  std::string String(const char* key, bool required);
  std::vector<std::string> Strings(const char* key, bool required);
  int Int(const char* key, bool required, int lo, int hi);
  std::vector<int> Ints(const char* key, bool required, int lo, int hi);
  double Double(const char* key, bool required, double lo, double hi);
  // Numbers (integers or floats), any value.
  std::vector<double> Doubles(const char* key, bool required);
  // An array of tables (`[[entry.key]]`), each checked by the caller with its own reader.
  std::vector<const toml::table*> Tables(const char* key, bool required);
  Certainty ReadCertainty();
  // One of `names` (index into it), or `fallback` when absent and not required.
  int Choice(const char* key, std::initializer_list<const char*> names, bool required, int fallback);
  // source + certainty, both required.
  Provenance ReadProvenance();
  // Reports keys present in the table that no accessor asked for.
  void Finish();
  void Error(const std::string& message) { Report(line_, message); }

 private:
  void Report(int line, const std::string& message);
  const toml::node* Get(const char* key, bool required);

  const toml::table& table_;
  std::string file_;
  std::vector<Diagnostic>* out_;
  std::string id_;
  int line_ = 0;
  std::set<std::string, std::less<>> used_;
};

}  // namespace jianmei::kb
