#include "cli/check_command.h"

#include <fmt/format.h>

#include <iostream>

#include "cli/registry_screening.h"
#include "cli/text_report.h"
#include "core/utf8.h"
#include "screen/report_json.h"

namespace jianmei::cli {
namespace {

void PrintLaws(const kb::Knowledge& kb, const std::vector<std::string>& ids, std::ostream& out) {
  for (const std::string& id : ids) {
    if (const kb::Law* law = kb.FindLaw(id)) {
      out << fmt::format("  依据: {} — {} [{}]\n", law->cite, law->summary,
                         kb::CertaintyName(law->prov.certainty));
    }
  }
}

void PrintProcedure(const kb::Knowledge& kb, const kb::Procedure& p, std::ostream& out) {
  out << fmt::format("正式名称: {}\n状态: {}\n", p.name, [&] {
    switch (p.status) {
      case kb::ProcedureStatus::kBanned:
        return "国家明令禁止 (banned)";
      case kb::ProcedureStatus::kNonStandard:
        return "非规范名称，不在《医疗美容项目分级管理目录》中 (non_standard)";
      default:
        return "列入《医疗美容项目分级管理目录》 (catalog)";
    }
  }());
  if (!p.specialty.empty()) out << "专业: " << p.specialty << "\n";
  if (p.grade > 0) {
    out << fmt::format("分级: {}级\n", p.grade);
    if (const kb::GradeRule* rule = kb.FindGradeRule(p.grade)) {
      out << "可开展的机构: " << fmt::format("{}", fmt::join(rule->institutions, "；")) << "\n";
    }
  } else if (p.status == kb::ProcedureStatus::kCatalog) {
    out << "分级: 目录未分级\n";
  }
  if (!p.aliases.empty()) out << "别名: " << fmt::format("{}", fmt::join(p.aliases, "、")) << "\n";
  out << "说明: " << p.summary << "\n";
  if (!p.risks.empty()) out << "风险: " << p.risks << "\n";
  if (!p.note.empty()) out << "备注: " << p.note << "\n";
  PrintLaws(kb, p.basis, out);
  out << fmt::format("来源: {} [{}]\n", p.prov.source, kb::CertaintyName(p.prov.certainty));
}

void PrintProduct(const kb::Knowledge& kb, const kb::Product& p, std::ostream& out) {
  out << fmt::format("正式名称: {}\n类别: {}{}\n状态: {}\n", p.name, p.kind,
                     p.device_class ? fmt::format("（第{}类医疗器械）", p.device_class) : "",
                     kb::ProductStatusName(p.status));
  if (!p.aliases.empty()) out << "别名: " << fmt::format("{}", fmt::join(p.aliases, "、")) << "\n";
  if (!p.maker.empty()) out << "生产企业: " << p.maker << "\n";
  out << "注册证号: " << (p.registration.empty() ? "（知识库的来源没有给出）" : p.registration)
      << "\n";
  out << "核准用途: "
      << (p.approved_uses.empty() ? "（知识库的来源没有给出）"
                                  : fmt::format("{}", fmt::join(p.approved_uses, "；")))
      << "\n";
  out << "说明: " << p.summary << "\n";
  if (!p.note.empty()) out << "备注: " << p.note << "\n";
  PrintLaws(kb, p.basis, out);
  out << fmt::format("来源: {} [{}]\n", p.prov.source, kb::CertaintyName(p.prov.certainty));
  if (const kb::Procedure* proc = kb.FindProcedure(p.procedure)) {
    out << "\n所属项目:\n";
    PrintProcedure(kb, *proc, out);
  }
}

}  // namespace

int RunCheck(const screen::Pipeline& pipeline, const std::string& text,
             const screen::CallerContext& caller, bool json, std::ostream& out, std::ostream& err) {
  if (size_t bad = utf8::FindInvalid(text); bad != std::string::npos) {
    err << "jianmei check: the text is not valid UTF-8 (byte " << bad << ")\n";
    return kExitFailure;
  }
  auto scratch = pipeline.NewScratch();
  auto report = scratch.ok() ? pipeline.Screen(text, **scratch, caller)
                             : Result<screen::Report>(scratch.status());
  if (!report.ok()) {
    err << "jianmei check: " << report.status().ToString() << "\n";
    return kExitFailure;
  }
  if (json) out << screen::ReportToJson(*report, text).dump() << "\n";
  else PrintReport(*report, text, out);
  return kExitOk;
}

void AddCheckCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto text = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto author_kind = std::make_shared<std::string>();
  auto channel = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("check", "Screen one text and explain every finding. "
                                              "Exit 0 on success, 2 on failure.");
  cmd->add_option("text", *text, "the post text (UTF-8)")->required();
  cmd->add_flag("--json", *json, "print the JSON report of the screening contract");
  cmd->add_option("--author-kind", *author_kind, "who wrote it, when known")
      ->check(CLI::IsMember({"institution", "individual", "unknown"}));
  cmd->add_option("--channel", *channel, "where it appeared, when known")
      ->check(CLI::IsMember({"ad", "post", "comment", "news", "unknown"}));
  cmd->callback([text, json, author_kind, channel, &global, exit_code] {
    screen::CallerContext caller;
    if (!author_kind->empty()) screen::ParseAuthorKind(*author_kind, &caller.author_kind);
    if (!channel->empty()) screen::ParseChannel(*channel, &caller.channel);
    auto pipeline = LoadPipeline(global);
    if (!pipeline.ok()) {
      std::cerr << "jianmei check: " << pipeline.status().ToString() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    *exit_code = RunCheck(**pipeline, *text, caller, *json, std::cout, std::cerr);
  });
}

void AddLookupCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto name = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "lookup", "What a procedure, drug or device is officially: catalog status, grade, who may "
                "perform it, legal basis. Exit 0 when found, 1 when not in the knowledge base.");
  cmd->add_option("name", *name, "name, alias or slang (e.g. 瘦腿针, 小腿阻断)")->required();
  cmd->callback([name, &global, exit_code] {
    auto screener = LoadScreener(global);
    if (!screener.ok()) {
      std::cerr << "jianmei lookup: " << screener.status().ToString() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    *exit_code = RunLookup(**screener, *name, std::cout);
  });
}

int RunLookup(const screen::Screener& screener, const std::string& name, std::ostream& out) {
  const kb::Knowledge& kb = screener.knowledge();
  const kb::TermOwner* owner = kb.Resolve(name);
  using Kind = kb::EntityRef::Kind;
  if (owner && (owner->ref.kind == Kind::kProcedure || owner->ref.kind == Kind::kProduct)) {
    if (owner->ambiguous) out << "「" << name << "」是含义不确定的叫法，最可能指:\n";
    if (owner->ref.kind == Kind::kProcedure)
      PrintProcedure(kb, kb.procedures()[owner->ref.index], out);
    else
      PrintProduct(kb, kb.products()[owner->ref.index], out);
    return kExitOk;
  }
  // Not a name by itself: look for names inside it ("小腿阻断术多少钱").
  auto scratch = screener.NewScratch();
  auto report =
      scratch.ok() ? screener.Screen(name, **scratch) : Result<screen::Report>(scratch.status());
  if (report.ok() && !report->mentions.empty()) {
    for (const screen::Mention& m : report->mentions) {
      out << "「" << m.span.Slice(name) << "」:\n";
      // By the mention's entity, not its text: a name found through pinyin (shuiguangzhen)
      // resolves to nothing as written.
      if (m.entity.kind == "procedure") {
        if (const kb::Procedure* p = kb.FindProcedure(m.entity.id)) PrintProcedure(kb, *p, out);
      } else {
        for (const kb::Product& p : kb.products()) {
          if (p.id == m.entity.id) PrintProduct(kb, p, out);
        }
      }
      out << "\n";
    }
    return kExitOk;
  }
  out << "「" << name << "」未收录于知识库。未收录不代表合法：请向当地卫生健康部门核实。\n";
  return kExitInputErrors;
}

}  // namespace jianmei::cli
