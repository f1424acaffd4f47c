#include "kb/entry_reader.h"

#include <cmath>

namespace jianmei::kb {

EntryReader::EntryReader(const toml::table& table, std::string file, std::vector<Diagnostic>* out,
                         bool needs_id, std::string owner_id)
    : table_(table), file_(std::move(file)), out_(out), id_(std::move(owner_id)) {
  line_ = static_cast<int>(table.source().begin.line);
  if (!needs_id) return;
  if (const auto* n = table.get("id"); n && n->is_string()) id_ = n->value_or(std::string());
  used_.insert("id");
  if (id_.empty()) Report(line_, "entry has no string `id`");
}

void EntryReader::Report(int line, const std::string& message) {
  out_->push_back({file_, line, id_, message});
}

const toml::node* EntryReader::Get(const char* key, bool required) {
  used_.insert(key);
  const toml::node* n = table_.get(key);
  if (!n && required) Report(line_, std::string("missing required key `") + key + "`");
  return n;
}

std::string EntryReader::String(const char* key, bool required) {
  const toml::node* n = Get(key, required);
  if (!n) return {};
  if (!n->is_string()) {
    Report(static_cast<int>(n->source().begin.line), std::string("`") + key + "` must be a string");
    return {};
  }
  std::string v = n->value_or(std::string());
  if (required && v.empty()) Report(static_cast<int>(n->source().begin.line),
                                    std::string("`") + key + "` is empty");
  return v;
}

std::vector<std::string> EntryReader::Strings(const char* key, bool required) {
  std::vector<std::string> out;
  const toml::node* n = Get(key, required);
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) {
    Report(static_cast<int>(n->source().begin.line),
           std::string("`") + key + "` must be an array of strings");
    return out;
  }
  for (const toml::node& e : *arr) {
    if (!e.is_string()) {
      Report(static_cast<int>(e.source().begin.line),
             std::string("`") + key + "` has a non-string element");
      continue;
    }
    out.push_back(e.value_or(std::string()));
  }
  if (required && out.empty()) Report(line_, std::string("`") + key + "` is empty");
  return out;
}

int EntryReader::Int(const char* key, bool required, int lo, int hi) {
  const toml::node* n = Get(key, required);
  if (!n) return 0;
  auto v = n->value<int64_t>();
  if (!n->is_integer() || !v || *v < lo || *v > hi) {
    Report(static_cast<int>(n->source().begin.line), std::string("`") + key +
           "` must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    return 0;
  }
  return static_cast<int>(*v);
}

std::vector<int> EntryReader::Ints(const char* key, bool required, int lo, int hi) {
  std::vector<int> out;
  const toml::node* n = Get(key, required);
  if (!n) return out;
  const toml::array* arr = n->as_array();
  const std::string range = " from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (!arr) {
    Report(static_cast<int>(n->source().begin.line),
           std::string("`") + key + "` must be an array of integers" + range);
    return out;
  }
  for (const toml::node& e : *arr) {
    auto v = e.value<int64_t>();
    if (!e.is_integer() || !v || *v < lo || *v > hi) {
      Report(static_cast<int>(e.source().begin.line),
             std::string("`") + key + "` has an element that is not an integer" + range);
      continue;
    }
    out.push_back(static_cast<int>(*v));
  }
  if (required && out.empty()) Report(line_, std::string("`") + key + "` is empty");
  return out;
}

double EntryReader::Double(const char* key, bool required, double lo, double hi) {
  const toml::node* n = Get(key, required);
  if (!n) return 0;
  auto v = n->value<double>();
  if (!(n->is_floating_point() || n->is_integer()) || !v || !(*v >= lo && *v <= hi)) {
    Report(static_cast<int>(n->source().begin.line), std::string("`") + key +
           "` must be a number from " + std::to_string(lo) + " to " + std::to_string(hi));
    return 0;
  }
  return *v;
}

std::vector<double> EntryReader::Doubles(const char* key, bool required) {
  std::vector<double> out;
  const toml::node* n = Get(key, required);
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) {
    Report(static_cast<int>(n->source().begin.line), std::string("`") + key + "` must be an array of numbers");
    return out;
  }
  for (const toml::node& e : *arr) {
    auto v = e.value<double>();
    if (!(e.is_floating_point() || e.is_integer()) || !v || !std::isfinite(*v)) {
      Report(static_cast<int>(e.source().begin.line),
             std::string("`") + key + "` has an element that is not a finite number");
      continue;
    }
    out.push_back(*v);
  }
  if (required && out.empty()) Report(line_, std::string("`") + key + "` is empty");
  return out;
}

std::vector<const toml::table*> EntryReader::Tables(const char* key, bool required) {
  std::vector<const toml::table*> out;
  const toml::node* n = Get(key, required);
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) {
    Report(static_cast<int>(n->source().begin.line),
           std::string("`") + key + "` must be an array of tables");
    return out;
  }
  for (const toml::node& e : *arr) {
    if (const toml::table* t = e.as_table()) out.push_back(t);
    else Report(static_cast<int>(e.source().begin.line),
                std::string("`") + key + "` has an element that is not a table");
  }
  if (required && out.empty()) Report(line_, std::string("`") + key + "` is empty");
  return out;
}

int EntryReader::Choice(const char* key, std::initializer_list<const char*> names, bool required,
                        int fallback) {
  const toml::node* n = Get(key, required);
  if (!n) return fallback;
  std::string v = n->value_or(std::string());
  int i = 0;
  for (const char* name : names) {
    if (v == name) return i;
    ++i;
  }
  std::string allowed;
  for (const char* name : names) allowed += std::string(allowed.empty() ? "" : ", ") + name;
  Report(static_cast<int>(n->source().begin.line),
         std::string("`") + key + "` is \"" + v + "\"; expected one of " + allowed);
  return fallback;
}

Provenance EntryReader::ReadProvenance() {
  Provenance p;
  p.file = file_;
  p.line = line_;
  p.source = String("source", true);
  p.certainty = ReadCertainty();
  return p;
}

Certainty EntryReader::ReadCertainty() {
  return static_cast<Certainty>(
      Choice("certainty", {"verified", "agreed", "single", "recalled"}, true, 3));
}

void EntryReader::Finish() {
  for (const auto& [k, v] : table_) {
    if (!used_.count(k.str())) {
      Report(static_cast<int>(v.source().begin.line), "unknown key `" + std::string(k.str()) + "`");
    }
  }
}

}  // namespace jianmei::kb
