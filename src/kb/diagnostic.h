// Diagnostic: one problem found in the knowledge base, located by file, line and entry id.
#pragma once

#include <string>

namespace jianmei::kb {

struct Diagnostic {
  std::string file;
  int line = 0;
  std::string entry;  // entry id, empty when the problem is not inside an entry
  std::string message;

  // "kb/claims.toml:12 [guarantee.no-side-effects]: alias 无副作用 also in …"
  std::string ToString() const {
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line);
    if (!entry.empty()) s += " [" + entry + "]";
    return s + ": " + message;
  }
};

}  // namespace jianmei::kb
