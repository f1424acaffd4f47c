#include "cli/eval_command.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/line_reader.h"
#include "cli/registry_screening.h"
#include "core/json_reader.h"
#include "core/utf8.h"
#include "screen/post_reader.h"

namespace jianmei::cli {
namespace {

using nlohmann::json;

constexpr std::string_view kLabels[] = {"labels"};
constexpr size_t kMaxLineBytes = 1 << 20;

// The first n characters of text (whole UTF-8 characters).
std::string_view FirstChars(std::string_view text, size_t n) {
  size_t at = 0;
  for (size_t chars = 0; at < text.size() && chars < n; ++chars) {
    do ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80);
  }
  return text.substr(0, at);
}

Result<LabelledPost> ReadLine(const std::string& line) {
  if (line.find_first_not_of(" \t\r") == std::string::npos) return Status::InvalidArgument("empty line");
  if (size_t bad = utf8::FindInvalid(line); bad != std::string::npos) {
    return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(bad));
  }
  auto parsed = ReadJson(line, "line");
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  LabelledPost p;
  auto post = screen::ReadPost(j, "", {.also_allowed = kLabels});
  if (!post.ok()) return post.status();
  p.post = std::move(*post);
  auto labels = j.find("labels");
  if (labels == j.end()) return Status::InvalidArgument("labels: missing (required; [] for a negative)");
  if (!labels->is_array()) return Status::InvalidArgument("labels: must be an array of category names");
  for (const json& l : *labels) {
    std::optional<Category> c = l.is_string() ? ParseCategory(l.get<std::string>()) : std::nullopt;
    if (!c) {
      return Status::InvalidArgument("labels: " + std::string(utf8::Prefix(l.dump(), 60)) +
                                     " is not a category (design doc §3)");
    }
    if (std::find(p.labels.begin(), p.labels.end(), *c) == p.labels.end()) p.labels.push_back(*c);
  }
  return p;
}

std::string Names(const std::vector<Category>& cats) {
  std::string out;
  for (Category c : cats) out += (out.empty() ? "" : ",") + std::string(CategoryName(c));
  return out.empty() ? "-" : out;
}

json CaseJson(const EvalCase& c) {
  json labels = json::array(), found = json::array();
  for (Category l : c.labels) labels.push_back(CategoryName(l));
  for (Category f : c.found) found.push_back(CategoryName(f));
  json j = {{"line", c.line}, {"labels", labels}, {"verdict", screen::VerdictName(c.verdict)},
            {"found", found}, {"text", FirstChars(c.text, 80)}};
  if (!c.id.empty()) j["id"] = c.id;
  return j;
}

json MetricsJson(const EvalMetrics& m) {
  json categories = json::object();
  for (int i = 0; i < kCategoryCount; ++i) {
    const CategoryStats& s = m.categories[i];
    categories[std::string(CategoryName(static_cast<Category>(i)))] = {
        {"support", s.support}, {"found", s.found}, {"true_positives", s.true_positives},
        {"precision", s.precision()}, {"recall", s.recall()}};
  }
  json misses = json::array();
  for (const EvalCase* c : m.misses) misses.push_back(CaseJson(*c));
  return {{"records", m.records},
          {"positives", m.positives},
          {"negatives", m.negatives},
          {"detection", {{"count", m.detected}, {"rate", m.detection_rate()}}},
          {"false_violation", {{"count", m.false_violations}, {"rate", m.false_violation_rate()}}},
          {"negatives_suspect", {{"count", m.negatives_suspect}, {"rate", m.negatives_suspect_rate()}}},
          {"categories", categories},
          {"confusion", m.confusion},
          {"misses", misses}};
}

std::string Rate(size_t n, size_t d) {
  return fmt::format("{:.3f} ({}/{})", d ? static_cast<double>(n) / static_cast<double>(d) : 0.0, n, d);
}

// The metrics as text; with `other`, side by side with it.
void PrintMetrics(const EvalMetrics& m, const EvalMetrics* other, const EvalOptions& o, std::ostream& out) {
  out << fmt::format("records {}: {} positives, {} negatives\n", m.records, m.positives, m.negatives);
  if (other) out << fmt::format("{:<20}{:<22}{}\n", "", o.kb_name, o.against_name);
  auto row = [&](const char* name, size_t n, size_t d, size_t on, size_t od) {
    if (other) out << fmt::format("{:<20}{:<22}{}\n", name, Rate(n, d), Rate(on, od));
    else out << fmt::format("{:<20}{}\n", name, Rate(n, d));
  };
  const EvalMetrics& b = other ? *other : m;
  row("detection", m.detected, m.positives, b.detected, b.positives);
  row("false violation", m.false_violations, m.negatives, b.false_violations, b.negatives);
  row("negatives suspect", m.negatives_suspect, m.negatives, b.negatives_suspect, b.negatives);
  out << fmt::format("\n{:<28}{:>8}{:>7}{:>11}{:>8}{}\n", "category", "support", "found", "precision",
                     "recall", other ? fmt::format("   ({}: precision recall)", o.against_name) : "");
  for (int i = 0; i < kCategoryCount; ++i) {
    const CategoryStats& s = m.categories[i];
    if (s.support == 0 && s.found == 0 && (!other || other->categories[i].found == 0)) continue;
    out << fmt::format("{:<28}{:>8}{:>7}{:>11.3f}{:>8.3f}", CategoryName(static_cast<Category>(i)),
                       s.support, s.found, s.precision(), s.recall());
    if (other) {
      out << fmt::format("   {:.3f} {:.3f}", other->categories[i].precision(), other->categories[i].recall());
    }
    out << "\n";
  }
  if (!m.confusion.empty()) {
    out << "\nconfusion (a labelled category missed → what was found instead):\n";
    for (const auto& [label, instead] : m.confusion) {
      std::string parts;
      for (const auto& [cat, n] : instead) {
        parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", cat, n);
      }
      out << "  " << label << " → " << parts << "\n";
    }
  }
  out << fmt::format("\nmisses ({}){}\n", m.misses.size(), o.blind ? " (--blind: not listed)" : ":");
  if (o.blind) return;
  for (const EvalCase* c : m.misses) {
    out << fmt::format("  {} [{}] {}, found {}: {}\n", c->id.empty() ? fmt::format("line {}", c->line) : c->id,
                       Names(c->labels), screen::VerdictName(c->verdict), Names(c->found),
                       FirstChars(c->text, 80));
  }
}

// The records whose outcome (EvalCase::Correct) differs: gained when right with `kb` only.
json Changes(const std::vector<EvalCase>& kb, const std::vector<EvalCase>& against) {
  json changes = json::array();
  for (size_t i = 0; i < kb.size(); ++i) {
    if (kb[i].Correct() == against[i].Correct()) continue;
    json j = CaseJson(kb[i]);
    j["change"] = kb[i].Correct() ? "gained" : "broken";
    j["against"] = {{"verdict", screen::VerdictName(against[i].verdict)}, {"found", CaseJson(against[i])["found"]}};
    changes.push_back(std::move(j));
  }
  return changes;
}

size_t Count(const json& changes, const char* change) {
  return static_cast<size_t>(std::count_if(changes.begin(), changes.end(),
                                           [&](const json& c) { return c["change"] == change; }));
}

}  // namespace

std::vector<LabelledPost> ReadLabelledPosts(std::istream& in, std::vector<std::string>* errors) {
  std::vector<LabelledPost> posts;
  LineReader reader(in, kMaxLineBytes);
  std::string line;
  size_t length = 0;
  while (reader.Next(&line, &length)) {
    const size_t n = reader.line_number();
    if (length > kMaxLineBytes) {
      errors->push_back(fmt::format("line {}: longer than {} bytes", n, kMaxLineBytes));
      continue;
    }
    auto p = ReadLine(line);
    if (!p.ok()) {
      errors->push_back(fmt::format("line {}: {}", n, p.status().message()));
      continue;
    }
    p->line = n;
    posts.push_back(std::move(*p));
  }
  if (reader.failed()) errors->push_back(fmt::format("cannot read the input after line {}", reader.line_number()));
  return posts;
}

Result<std::vector<EvalCase>> ScreenLabelled(const screen::Pipeline& pipeline,
                                             const std::vector<LabelledPost>& posts) {
  auto scratch = pipeline.NewScratch();
  if (!scratch.ok()) return scratch.status();
  std::vector<EvalCase> cases;
  cases.reserve(posts.size());
  for (const LabelledPost& p : posts) {
    auto report = pipeline.Screen(p.post, **scratch);
    if (!report.ok()) return report.status();
    EvalCase c{.line = p.line, .id = p.post.id, .text = p.post.text, .labels = p.labels,
               .verdict = report->verdict, .found = {}};
    for (const screen::Finding& f : report->findings) {
      if (std::find(c.found.begin(), c.found.end(), f.category) == c.found.end()) c.found.push_back(f.category);
    }
    std::sort(c.found.begin(), c.found.end());
    cases.push_back(std::move(c));
  }
  return cases;
}

int RunEval(const screen::Pipeline& kb, const screen::Pipeline* against, std::istream& in,
            const EvalOptions& o, std::ostream& out, std::ostream& err) {
  std::vector<std::string> errors;
  const std::vector<LabelledPost> posts = ReadLabelledPosts(in, &errors);
  for (const std::string& e : errors) err << "jianmei eval: " << e << "\n";
  auto cases = ScreenLabelled(kb, posts);
  auto other = against ? ScreenLabelled(*against, posts) : Result<std::vector<EvalCase>>(std::vector<EvalCase>{});
  if (!cases.ok() || !other.ok()) {
    err << "jianmei eval: " << (cases.ok() ? other.status() : cases.status()).ToString() << "\n";
    return kExitFailure;
  }
  const EvalMetrics m = ComputeEvalMetrics(*cases);
  const EvalMetrics b = ComputeEvalMetrics(*other);
  const json changes = against ? Changes(*cases, *other) : json::array();
  if (o.json) {
    auto metrics = [&](const EvalMetrics& e) {
      json j = MetricsJson(e);
      if (o.blind) j.erase("misses");
      return j;
    };
    json j = metrics(m);
    if (against) {
      json counts = {{"gained", Count(changes, "gained")}, {"broken", Count(changes, "broken")}};
      j = {{"kb", std::move(j)}, {"against", metrics(b)}, {"changed", o.blind ? counts : changes},
           {"kb_dir", o.kb_name}, {"against_dir", o.against_name}};
    }
    if (!errors.empty()) j["errors"] = errors;
    out << j.dump() << "\n";
  } else {
    PrintMetrics(m, against ? &b : nullptr, o, out);
    if (against) {
      out << fmt::format("\nchanged against {} ({}: {} gained, {} broken){}\n", o.against_name, changes.size(),
                         Count(changes, "gained"), Count(changes, "broken"), o.blind ? "" : ":");
      for (const json& c : changes) {
        if (o.blind) break;
        std::string labels;
        for (const json& l : c["labels"]) labels += (labels.empty() ? "" : ",") + l.get<std::string>();
        out << fmt::format("  {} {} [{}] {} → {}: {}\n", c["change"].get<std::string>(),
                           c.contains("id") ? c["id"].get<std::string>() : fmt::format("line {}", c["line"].get<size_t>()),
                           labels.empty() ? "-" : labels, c["against"]["verdict"].get<std::string>(),
                           c["verdict"].get<std::string>(), c["text"].get<std::string>());
      }
    }
  }
  int code = errors.empty() ? kExitOk : kExitInputErrors;
  if (o.min_detection && m.detection_rate() < *o.min_detection) {
    err << fmt::format("jianmei eval: detection {:.3f} is below the floor {} (--min-detection)\n",
                       m.detection_rate(), *o.min_detection);
    code = kExitInputErrors;
  }
  if (o.max_false_violation && m.false_violation_rate() > *o.max_false_violation) {
    err << fmt::format("jianmei eval: false-violation rate {:.3f} is above the ceiling {} (--max-false-violation)\n",
                       m.false_violation_rate(), *o.max_false_violation);
    code = kExitInputErrors;
  }
  return code;
}

void AddEvalCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto file = std::make_shared<std::string>();
  auto against = std::make_shared<std::string>();
  auto o = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Screen labelled JSON Lines ({\"text\":…, \"labels\":[categories, or none for a "
              "negative], \"id\":…}) and print detection, false-violation rate, per-category "
              "precision and recall, confusion and misses. Exit 0; 1 when a line was bad or a "
              "floor failed; 2 on failure.");
  cmd->fallthrough();  // `jianmei eval --kb DIR …` sets the global --kb
  cmd->add_option("file", *file, "labelled JSON Lines (default: standard input)");
  cmd->add_flag("--json", o->json, "print one JSON object");
  cmd->add_flag("--blind", o->blind,
                "figures only: list no record (misses, gained, broken), so that a held-out set "
                "can be measured without being read");
  cmd->add_option("--against", *against,
                  "a second knowledge base: both sets of metrics, and the records gained or broken "
                  "by --kb's (the records it gets right that DIR does not, and the reverse)");
  cmd->add_option("--min-detection", o->min_detection, "exit 1 when detection is below this (0–1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--max-false-violation", o->max_false_violation,
                  "exit 1 when the share of negatives called violation is above this (0–1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->callback([file, against, o, &global, exit_code] {
    auto kb = LoadPipeline(global);
    if (!kb.ok()) {
      std::cerr << "jianmei eval: " << kb.status().ToString() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    std::shared_ptr<const screen::Pipeline> other;
    if (!against->empty()) {
      GlobalOptions second = global;
      second.kb_dir = *against;
      auto loaded = LoadPipeline(second);
      if (!loaded.ok()) {
        std::cerr << "jianmei eval: --against " << *against << ": " << loaded.status().ToString() << "\n";
        *exit_code = kExitFailure;
        return;
      }
      other = *loaded;
      o->kb_name = ResolveKbDir(global);
      o->against_name = *against;
    }
    std::ifstream in_file;
    std::istream* in = OpenInput(*file, "eval", &in_file);
    if (!in) {
      *exit_code = kExitFailure;
      return;
    }
    *exit_code = RunEval(**kb, other.get(), *in, *o, std::cout, std::cerr);
  });
}

}  // namespace jianmei::cli
