#include "cli/qualify_command.h"

#include <iostream>

#include "cli/registry_home.h"
#include "registry/qualification_json.h"
#include "store/migrations.h"

namespace jianmei::cli {
namespace {

const char* OutcomeText(registry::Outcome o) {
  switch (o) {
    case registry::Outcome::kAllowed: return "可以开展 (allowed)";
    case registry::Outcome::kNotAllowed: return "不得开展 (not allowed)";
    case registry::Outcome::kUnknown: return "无法判定 (unknown)";
  }
  return "?";
}

}  // namespace

void PrintQualification(const registry::Qualification& q, std::ostream& out) {
  out << "机构: " << q.institution_name << "（" << q.institution_type << "，" << q.institution_licence << "）\n"
      << "项目: " << q.procedure_name << (q.grade ? "（" + std::to_string(q.grade) + "级）" : "") << "\n"
      << "结论: " << OutcomeText(q.outcome);
  if (q.outcome == registry::Outcome::kNotAllowed) out << " → " << CategoryName(q.category);
  out << "\n";
  for (const registry::Reason& r : q.reasons) {
    // The reason's own certainty (its kb rule's, with the grade's) apart from each law's.
    out << "  [" << r.check << "] " << registry::OutcomeName(r.effect) << ": " << r.message << " ["
        << kb::CertaintyName(r.certainty) << "]\n";
    for (const kb::Law* law : r.basis) {
      out << "    依据: " << law->cite << " [" << kb::CertaintyName(law->prov.certainty) << "]\n";
    }
  }
  if (!q.missing.empty()) {
    out << "缺少的事实:";
    for (const std::string& m : q.missing) out << " " << m << ";";
    out << "\n";
  }
}

void AddQualifyCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  struct Options {
    std::string institution, procedure, date;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "qualify", "May this institution perform this procedure? Answers allowed / not allowed / "
                 "unknown with each reason and its legal basis. Exit 0 when answered, 1 when the "
                 "institution or procedure cannot be resolved, 2 on failure.");
  cmd->add_option("--institution", o->institution, "name, alias or licence number in the registry")->required();
  cmd->add_option("--procedure", o->procedure, "procedure name, alias or slang (e.g. 隆胸, 瘦腿针)")->required();
  cmd->add_option("--date", o->date, "judge the licence's validity on this day (YYYY-MM-DD; default today)");
  cmd->add_flag("--json", o->json, "print the answer as JSON (doc/registry.md)");
  cmd->callback([o, &global, exit_code] {
    registry::Date today = registry::Today();
    if (!o->date.empty()) {
      auto d = registry::ParseDate(o->date);
      if (!d) {
        std::cerr << "jianmei qualify: bad --date \"" << o->date << "\" (expected YYYY-MM-DD)\n";
        *exit_code = kExitFailure;
        return;
      }
      today = *d;
    }
    auto kb = LoadKnowledge(global);
    auto dir = kb.ok() ? LoadRegistryDirectory(*kb, store::DatabasePath(JianmeiHome()))
                       : Result<std::shared_ptr<const registry::Directory>>(kb.status());
    if (!dir.ok()) {
      std::cerr << "jianmei qualify: " << dir.status().ToString() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    if (!*dir) {
      std::cerr << "jianmei qualify: no registry in " << store::DatabasePath(JianmeiHome())
                << " (import one with `jianmei registry import FILE`)\n";
      *exit_code = kExitFailure;
      return;
    }
    auto q = (*dir)->Qualify(o->institution, o->procedure, today);
    if (!q.ok()) {
      std::cerr << "jianmei qualify: " << q.status().message() << "\n";
      *exit_code = kExitInputErrors;
      return;
    }
    if (o->json) std::cout << registry::QualificationToJson(*q).dump() << "\n";
    else PrintQualification(*q, std::cout);
    *exit_code = kExitOk;
  });
}

}  // namespace jianmei::cli
