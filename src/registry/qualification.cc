#include "registry/qualification.h"

#include <algorithm>
#include <ctime>

namespace jianmei::registry {
namespace {

bool Has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

constexpr const char* kSurgery = "美容外科";  // the only graded specialty (regulation.md §2.2)

const char* LevelName(int level) {
  static const char* const kNames[] = {"", "一级", "二级", "三级"};
  return level >= 1 && level <= 3 ? kNames[level] : "";
}

class Judge {
 public:
  Judge(const kb::Knowledge& kb, const Institution& inst, const kb::Procedure& p, Qualification* q)
      : kb_(kb), inst_(inst), p_(p), q_(q) {}

  Reason& Add(const char* check, Outcome effect, const std::string& rule, std::string message,
              const std::vector<std::string>& basis, kb::Certainty certainty) {
    Reason r{check, effect, rule, std::move(message), {}, certainty};
    for (const std::string& id : basis) {
      if (const kb::Law* law = kb_.FindLaw(id)) r.basis.push_back(law);
    }
    q_->reasons.push_back(std::move(r));
    return q_->reasons.back();
  }
  Reason& AddPractice(const char* check, kb::PracticeCase c, const std::string& message) {
    const kb::PracticeRule* rule = kb_.FindPracticeRule(c);
    if (!rule) {
      return Add(check, Outcome::kUnknown, "", message + "（知识库缺少 practice_rule " +
                                                   kb::PracticeCaseName(c) + "，无法给出依据）",
                 {}, kb::Certainty::kRecalled);
    }
    return Add(check, Outcome::kNotAllowed, rule->id, message + rule->explanation, rule->basis,
               rule->prov.certainty);
  }
  void Missing(const std::string& fact) {
    if (!Has(q_->missing, fact)) q_->missing.push_back(fact);
  }

  // False when the procedure may never be performed, whatever the institution.
  bool Procedure() {
    if (p_.status == kb::ProcedureStatus::kCatalog) return true;
    const bool banned = p_.status == kb::ProcedureStatus::kBanned;
    Reason& r = AddPractice("procedure", banned ? kb::PracticeCase::kBanned : kb::PracticeCase::kNonCatalog,
                            "「" + p_.name + "」" + (banned ? "是国家明令禁止的医疗技术。" : "不是目录中的规范项目。"));
    for (const std::string& id : p_.basis) {
      const kb::Law* law = kb_.FindLaw(id);
      if (law && std::find(r.basis.begin(), r.basis.end(), law) == r.basis.end()) r.basis.push_back(law);
    }
    q_->category = Category::kNonCatalogProcedure;
    return false;
  }

  // False for a venue that may perform no medical procedure.
  bool Venue() {
    const kb::PracticeRule* rule = kb_.FindPracticeRule(kb::PracticeCase::kNonMedicalVenue);
    if (!rule || !Has(rule->types, inst_.type)) return true;
    AddPractice("venue", kb::PracticeCase::kNonMedicalVenue, "「" + inst_.name + "」登记为" + inst_.type + "。");
    q_->category = Category::kUnlicensedProvider;
    return false;
  }

  void Status(const Date& today) {
    if (inst_.status == RecordStatus::kRevoked) {
      AddPractice("status", kb::PracticeCase::kLicenceRevoked, "登记状态为已吊销（revoked）。");
      q_->category = Category::kUnlicensedProvider;
    } else if (inst_.status == RecordStatus::kSuspended) {
      AddPractice("status", kb::PracticeCase::kLicenceSuspended, "登记状态为暂停执业（suspended）。");
      q_->category = Category::kUnlicensedProvider;
    }
    if (inst_.valid_until.empty()) {
      Add("validity", Outcome::kUnknown, "", "登记中没有许可证有效期，无法判断是否仍在有效期内。", {},
          kb::Certainty::kRecalled);
      Missing("licence validity dates (valid_until)");
    } else if (inst_.valid_until < today || (!inst_.valid_from.empty() && today < inst_.valid_from)) {
      AddPractice("validity", kb::PracticeCase::kLicenceExpired,
                  "许可证有效期为 " + (inst_.valid_from.empty() ? "?" : inst_.valid_from.iso) + " 至 " +
                      inst_.valid_until.iso + "，今天（" + today.iso + "）不在其中。");
      q_->category = Category::kUnlicensedProvider;
    }
  }

  void Department() {
    const kb::DepartmentRule* rule = kb_.FindDepartmentRule(p_.specialty);
    if (!rule) {
      Add("department", Outcome::kUnknown, "", "知识库没有说明哪些诊疗科目涵盖「" + p_.specialty + "」。", {},
          kb::Certainty::kRecalled);
      Missing("which departments cover " + p_.specialty + " (kb department_rule)");
      return;
    }
    if (inst_.departments.empty()) {
      Add("department", Outcome::kUnknown, rule->id, "登记中没有该机构的诊疗科目。", rule->basis,
          rule->prov.certainty);
      Missing("registered departments");
      return;
    }
    for (const std::string& d : rule->departments) {
      if (Has(inst_.departments, d)) {
        Add("department", Outcome::kAllowed, rule->id, "登记有诊疗科目「" + d + "」，涵盖" + p_.specialty + "项目。",
            rule->basis, rule->prov.certainty);
        return;
      }
    }
    Add("department", Outcome::kNotAllowed, rule->id,
        "「" + p_.name + "」属于" + p_.specialty + "，需要登记" + Join(rule->departments, "、") +
            "之一；该机构登记的科目是" + Join(inst_.departments, "、") + "。",
        rule->basis, rule->prov.certainty);
  }

  void Grade() {
    if (p_.grade == 0) {
      // Only 美容外科 is graded: an ungraded item of it is a gap in the knowledge base (kb lint
      // rejects it), and judging it without a grade would admit it anywhere.
      if (p_.specialty != kSurgery) return;
      Add("grade", Outcome::kUnknown, "",
          "「" + p_.name + "」是美容外科项目，但知识库没有给出它的级别，无法判断哪些机构可以开展。",
          {}, kb::Certainty::kRecalled);
      Missing("the catalog grade of " + p_.name + " (kb procedure " + p_.id + ")");
      return;
    }
    const kb::GradeRule* rule = kb_.FindGradeRule(p_.grade);
    const std::string project = "「" + p_.name + "」是" + std::to_string(p_.grade) + "级美容外科项目";
    // The answer rests on the item's grade as much as on the rule: the weaker of the two.
    const kb::Certainty graded =
        std::max(rule ? rule->prov.certainty : kb::Certainty::kRecalled, p_.prov.certainty);
    if (!rule || rule->allow.empty()) {
      Add("grade", Outcome::kUnknown, rule ? rule->id : "", project + "，知识库没有可用的机构条件。", {},
          kb::Certainty::kRecalled);
      Missing("grade_rule clauses for grade " + std::to_string(p_.grade));
      return;
    }
    if (inst_.level == 0 && AnyLevelAdmitted(*rule, project, graded)) return;
    const kb::GradeClause* unknown = nullptr;
    std::string unknown_fact;
    for (const kb::GradeClause& c : rule->allow) {
      if (c.type != inst_.type) continue;
      std::string fact;
      if (!c.levels.empty()) {
        if (inst_.level == 0) fact = "institution level (一/二/三级)";
        else if (std::find(c.levels.begin(), c.levels.end(), inst_.level) == c.levels.end()) continue;
      }
      const bool need_departments = !c.departments_any.empty() || !c.departments_all.empty();
      if (need_departments && inst_.departments.empty()) {
        fact += (fact.empty() ? "" : ", ") + std::string("registered departments");
      } else if (need_departments && !DepartmentsMet(c)) {
        continue;
      }
      if (!fact.empty()) {
        if (!unknown) unknown = &c, unknown_fact = fact;
        continue;
      }
      Add("grade", Outcome::kAllowed, rule->id,
          project + "；" + Describe(c) + "可以开展" + (c.note.empty() ? "" : "（" + c.note + "）") +
              "。",
          rule->basis, std::max(c.certainty, graded));
      return;
    }
    if (unknown) {
      Add("grade", Outcome::kUnknown, rule->id,
          project + "；" + Describe(*unknown) + "可以开展，但登记中缺少判断所需的事实。",
          rule->basis, std::max(unknown->certainty, graded));
      for (size_t start = 0; start < unknown_fact.size();) {
        size_t comma = unknown_fact.find(", ", start);
        Missing(unknown_fact.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        start = comma == std::string::npos ? unknown_fact.size() : comma + 2;
      }
      return;
    }
    std::vector<std::string> allowed;
    for (const kb::GradeClause& c : rule->allow) allowed.push_back(Describe(c));
    Add("grade", Outcome::kNotAllowed, rule->id,
        project + "，只能由" + Join(allowed, "；") + "开展；该机构是" + This() + "，属超范围执业。",
        rule->basis, graded);
  }

  // An institution whose level the registry does not state (0) is admitted when, whatever its
  // level, some clause admits it (grade 1 for a 综合医院: the 一级 clause and the 二级/三级
  // clause): the level does not matter then. The reason is no surer than the weakest clause.
  bool AnyLevelAdmitted(const kb::GradeRule& rule, const std::string& project, kb::Certainty graded) {
    const bool levelled = std::any_of(rule.allow.begin(), rule.allow.end(), [&](const kb::GradeClause& c) {
      return c.type == inst_.type && !c.levels.empty();
    });
    if (!levelled) return false;  // the level never matters for this type: the clauses decide below
    std::vector<const kb::GradeClause*> used;
    kb::Certainty certainty = graded;
    for (int level = 1; level <= 3; ++level) {
      const kb::GradeClause* admits = nullptr;
      for (const kb::GradeClause& c : rule.allow) {
        if (c.type != inst_.type) continue;
        if (!c.levels.empty() && std::find(c.levels.begin(), c.levels.end(), level) == c.levels.end()) continue;
        const bool need_departments = !c.departments_any.empty() || !c.departments_all.empty();
        if (need_departments && (inst_.departments.empty() || !DepartmentsMet(c))) continue;
        admits = &c;
        break;
      }
      if (!admits) return false;
      if (std::find(used.begin(), used.end(), admits) == used.end()) used.push_back(admits);
      certainty = std::max(certainty, admits->certainty);
    }
    std::vector<std::string> described;
    for (const kb::GradeClause* c : used) {
      described.push_back(Describe(*c) + (c->note.empty() ? "" : "（" + c->note + "）"));
    }
    Add("grade", Outcome::kAllowed, rule.id,
        project + "；" + Join(described, "、") + "都可以开展：登记未写明级别，但无论哪一级都可以。",
        rule.basis, certainty);
    return true;
  }

  bool DepartmentsMet(const kb::GradeClause& c) const {
    const bool any = c.departments_any.empty() ||
                     std::any_of(c.departments_any.begin(), c.departments_any.end(),
                                 [&](const std::string& d) { return Has(inst_.departments, d); });
    const bool all = std::all_of(c.departments_all.begin(), c.departments_all.end(),
                                 [&](const std::string& d) { return Has(inst_.departments, d); });
    return any && all;
  }

  // Only the names the knowledge base resolves count: a list of names it does not know (a
  // record imported before its check, or a knowledge base that dropped an alias) says nothing
  // about what is not registered.
  void Project() {
    std::vector<std::string> known;
    for (const std::string& name : inst_.projects) {
      const kb::Procedure* p = RegisteredProject(kb_, name);
      if (!p) continue;
      if (p->id == p_.id) {
        Add("project", Outcome::kAllowed, "", "「" + p_.name + "」在该机构备案的项目中（" + name + "）。", {},
            kb::Certainty::kVerified);
        return;
      }
      known.push_back(name);
    }
    if (known.empty()) return;
    AddPractice("project", kb::PracticeCase::kProjectNotRegistered,
                "该机构备案的项目是" + Join(known, "、") + "，不含「" + p_.name + "」。");
  }

 private:
  static std::string Describe(const kb::GradeClause& c) {
    std::string levels;
    for (int l : c.levels) levels += (levels.empty() ? "" : "或") + std::string(LevelName(l));
    std::string out = "设有";
    if (!c.departments_all.empty()) out += Join(c.departments_all, "及") + (c.departments_any.empty() ? "" : "及");
    if (!c.departments_any.empty()) out += Join(c.departments_any, "或");
    if (out == "设有") out.clear();
    else out += "的";
    return out + levels + c.type;
  }
  std::string This() const {
    std::string depts = inst_.departments.empty() ? "科目未登记" : "登记科目" + Join(inst_.departments, "、");
    return std::string(LevelName(inst_.level)) + inst_.type + "（" + depts + "）";
  }

  const kb::Knowledge& kb_;
  const Institution& inst_;
  const kb::Procedure& p_;
  Qualification* q_;
};

// Whether an ambiguous name is forbidden whatever it means: its readings differ only in which
// procedure of the specialty, and so in grade (kb grade_ambiguous_aliases), and a reason that
// holds for every procedure of that specialty — the venue, the licence's status or validity, the
// departments — forbids it. The grade and the registered projects depend on the reading.
bool ForbiddenForEveryReading(const kb::Knowledge& kb, const kb::Procedure& procedure,
                              std::string_view name, const std::vector<Reason>& reasons) {
  const kb::TermOwner* owner = kb.Resolve(name);
  if (!owner || !Has(procedure.grade_ambiguous_aliases, owner->term)) return false;
  return std::any_of(reasons.begin(), reasons.end(), [](const Reason& r) {
    return r.effect == Outcome::kNotAllowed &&
           (r.check == "venue" || r.check == "status" || r.check == "validity" || r.check == "department");
  });
}

}  // namespace

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kAllowed: return "allowed";
    case Outcome::kNotAllowed: return "not_allowed";
    case Outcome::kUnknown: return "unknown";
  }
  return "?";
}

Qualification Qualify(const kb::Knowledge& kb, const Institution& institution,
                      const kb::Procedure& procedure, const Date& today,
                      std::string_view ambiguous_name) {
  Qualification q;
  if (!ambiguous_name.empty()) {
    q.named_as = std::string(ambiguous_name);
    const std::string why =
        "「" + q.named_as + "」是含义不确定的叫法：最可能指「" + procedure.name +
        "」，以下按它判断；但它也可能指别的项目，或根本不是医疗美容项目，所以不能据此下结论。";
    q.reasons.push_back({"name", Outcome::kUnknown, "", why, {}, procedure.prov.certainty});
    q.missing.push_back("which procedure 「" + q.named_as + "」 means (an ambiguous name)");
  }
  q.institution_licence = institution.licence;
  q.institution_name = institution.name;
  q.institution_type = institution.type;
  q.procedure_id = procedure.id;
  q.procedure_name = procedure.name;
  q.grade = procedure.grade;
  Judge judge(kb, institution, procedure, &q);
  if (judge.Procedure() && judge.Venue()) {
    judge.Status(today);
    judge.Department();
    judge.Grade();
    judge.Project();
  }
  auto any = [&](Outcome o) {
    return std::any_of(q.reasons.begin(), q.reasons.end(), [&](const Reason& r) { return r.effect == o; });
  };
  q.outcome = any(Outcome::kNotAllowed) ? Outcome::kNotAllowed
              : any(Outcome::kUnknown)  ? Outcome::kUnknown
                                        : Outcome::kAllowed;
  if (!ambiguous_name.empty()) {
    if (ForbiddenForEveryReading(kb, procedure, ambiguous_name, q.reasons)) {
      q.reasons.front().message =
          "「" + q.named_as + "」是含义不确定的叫法：最可能指「" + procedure.name + "」，也可能指" +
          procedure.specialty + "的别的项目（级别不同）；但无论指哪一项，下列不允许的理由都同样成立。";
    } else {
      q.outcome = Outcome::kUnknown;
    }
  }
  if (q.outcome != Outcome::kUnknown) q.missing.clear();
  return q;
}

const kb::Procedure* RegisteredProject(const kb::Knowledge& kb, std::string_view name) {
  const kb::TermOwner* o = kb.Resolve(name);
  if (!o || o->ambiguous || o->ref.kind != kb::EntityRef::Kind::kProcedure) return nullptr;
  return &kb.procedures()[o->ref.index];
}

Date Today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return Date{buf};
}

}  // namespace jianmei::registry
