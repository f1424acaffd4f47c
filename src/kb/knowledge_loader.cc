#include "kb/knowledge_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/utf8.h"
#include "kb/entry_reader.h"

namespace jianmei::kb {
namespace {

using Kind = EntityRef::Kind;


}  // namespace

KnowledgeLoader::KnowledgeLoader(std::shared_ptr<const text::Normalizer> normalizer,
                                 std::vector<Diagnostic>* diagnostics)
    : kb_(new Knowledge()), diagnostics_(diagnostics) {
  kb_->normalizer_ = std::move(normalizer);
}

void KnowledgeLoader::LoadFile(const std::string& path, const std::string& file) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string content = buf.str();
  if (!in) {
    diagnostics_->push_back({file, 0, "", "cannot read file"});
    return;
  }
  for (unsigned char c : file + '\0' + content) hash_ = (hash_ ^ c) * 1099511628211ull;
  current_path_ = path;

  toml::table root;
  try {
    root = toml::parse(content, file);
  } catch (const toml::parse_error& e) {
    diagnostics_->push_back({file, static_cast<int>(e.source().begin.line), "",
                             "TOML syntax: " + std::string(e.description())});
    return;
  }
  using Reader = void (KnowledgeLoader::*)(const toml::table&, const std::string&);
  static const std::pair<const char*, Reader> kSections[] = {
      {"law", &KnowledgeLoader::ReadLaw},           {"procedure", &KnowledgeLoader::ReadProcedure},
      {"product", &KnowledgeLoader::ReadProduct},   {"claim", &KnowledgeLoader::ReadClaim},
      {"signal", &KnowledgeLoader::ReadSignal},     {"grade_rule", &KnowledgeLoader::ReadGradeRule},
      {"department_rule", &KnowledgeLoader::ReadDepartmentRule},
      {"practice_rule", &KnowledgeLoader::ReadPracticeRule},
      {"category", &KnowledgeLoader::ReadCategoryNote},
      {"wording", &KnowledgeLoader::ReadWording},
      {"model", &KnowledgeLoader::ReadModel},
      {"contact_handle", &KnowledgeLoader::ReadContactHandle},
      {"complaint_channel", &KnowledgeLoader::ReadComplaintChannel},
  };
  for (const auto& entry : root) {
    const toml::key& key = entry.first;  // not a structured binding: the lambda below uses it
    const toml::node& node = entry.second;
    const auto* section = std::find_if(std::begin(kSections), std::end(kSections),
                                       [&](const auto& s) { return key.str() == s.first; });
    const toml::array* arr = node.as_array();
    if (section == std::end(kSections) || !arr) {
      diagnostics_->push_back({file, static_cast<int>(node.source().begin.line), "",
                               "unknown top-level key `" + std::string(key.str()) +
                                   "` (expected [[law]], [[procedure]], [[product]], [[claim]], "
                                   "[[signal]], [[grade_rule]], [[department_rule]], [[practice_rule]], "
                                   "[[category]], [[wording]], [[model]], [[contact_handle]] or "
                                   "[[complaint_channel]])"});
      continue;
    }
    for (const toml::node& element : *arr) {
      if (const toml::table* t = element.as_table()) {
        (this->*(section->second))(*t, file);
      } else {
        diagnostics_->push_back({file, static_cast<int>(element.source().begin.line), "",
                                 "`" + std::string(key.str()) + "` must be an array of tables"});
      }
    }
  }
}

void KnowledgeLoader::ReadLaw(const toml::table& t, const std::string& file) {
  EntryReader r(t, file, diagnostics_);
  Law law;
  law.id = r.id();
  law.law = r.String("law", true);
  law.article = r.String("article", true);
  law.item = r.String("item", false);
  law.cite = r.String("cite", true);
  law.summary = r.String("summary", true);
  law.effective = r.String("effective", false);
  law.superseded = r.String("superseded", false);
  r.String("note", false);
  law.prov = r.ReadProvenance();
  r.Finish();
  kb_->laws_.push_back(std::move(law));
}

void KnowledgeLoader::ReadProcedure(const toml::table& t, const std::string& file) {
  EntryReader r(t, file, diagnostics_);
  Procedure p;
  p.id = r.id();
  p.name = r.String("name", true);
  p.status = static_cast<ProcedureStatus>(
      r.Choice("status", {"catalog", "banned", "non_standard"}, true, 0));
  p.specialty = r.String("specialty", p.status == ProcedureStatus::kCatalog);
  p.grade = r.Int("grade", false, 1, 4);
  p.region = r.String("region", false);
  p.aliases = r.Strings("aliases", false);
  p.ambiguous_aliases = r.Strings("ambiguous_aliases", false);
  p.grade_ambiguous_aliases = r.Strings("grade_ambiguous_aliases", false);
  p.summary = r.String("summary", true);
  p.risks = r.String("risks", false);
  p.basis = r.Strings("basis", p.status != ProcedureStatus::kCatalog);
  p.note = r.String("note", false);
  p.prov = r.ReadProvenance();
  r.Finish();
  kb_->procedures_.push_back(std::move(p));
}

void KnowledgeLoader::ReadProduct(const toml::table& t, const std::string& file) {
  EntryReader r(t, file, diagnostics_);
  Product p;
  p.id = r.id();
  p.name = r.String("name", true);
  p.kind = r.String("kind", true);
  if (!p.kind.empty() && p.kind != "drug" && p.kind != "device" && p.kind != "material") {
    r.Error("`kind` is \"" + p.kind + "\"; expected one of drug, device, material");
  }
  p.status = static_cast<ProductStatus>(
      r.Choice("status", {"approved", "unapproved", "restricted"}, true, 0));
  p.device_class = r.Int("device_class", false, 1, 3);
  p.aliases = r.Strings("aliases", false);
  p.ambiguous_aliases = r.Strings("ambiguous_aliases", false);
  p.procedure = r.String("procedure", false);
  p.summary = r.String("summary", true);
  p.basis = r.Strings("basis", false);
  p.note = r.String("note", false);
  p.prov = r.ReadProvenance();
  r.Finish();
  kb_->products_.push_back(std::move(p));
}

namespace {

// Patterns run on folded text, but are not folded themselves: a character posts never keep (著
// once folded to 着, 後 → 后, punctuation removed) makes the pattern silently dead. ASCII is not
// checked: its punctuation is the patterns' own syntax, and its letters may be syntax too (\pL,
// (?<Name>…), (*UCP), [^A-Z]), which only a full parse of the pattern could tell apart.
void CheckPatternCharacters(const std::vector<std::string>& patterns,
                            const text::Normalizer& normalizer, EntryReader& r) {
  for (const std::string& p : patterns) {
    for (size_t pos = 0; pos < p.size();) {
      size_t len = 0;
      const char32_t cp = utf8::Decode(p, pos, &len);
      const std::string c = p.substr(pos, len);
      pos += len;
      if (cp < 0x80 || cp == utf8::kInvalid) continue;
      const std::string folded = normalizer.Fold(c);
      if (folded == c) continue;
      r.Error("pattern '" + p + "': posts never keep " + c +
              (folded.empty() ? " (removed as punctuation, a symbol or a space)"
                              : " (folded to " + folded + "); write " + folded));
    }
  }
}

}  // namespace

void KnowledgeLoader::ReadClaim(const toml::table& t, const std::string& file) {
  EntryReader r(t, file, diagnostics_);
  Claim c;
  c.id = r.id();
  std::string category = r.String("category", true);
  if (auto cat = ParseCategory(category)) c.category = *cat;
  else if (!category.empty()) r.Error("unknown category \"" + category + "\"");
  std::string severity = r.String("severity", true);
  if (auto sev = ParseSeverity(severity)) c.severity = *sev;
  else if (!severity.empty()) r.Error("unknown severity \"" + severity + "\"");
  c.terms = r.Strings("terms", false);
  c.patterns = r.Strings("patterns", false);
  if (c.terms.empty() && c.patterns.empty()) r.Error("claim has neither `terms` nor `patterns`");
  CheckPatternCharacters(c.patterns, *kb_->normalizer_, r);
  c.context = static_cast<ClaimContext>(
      r.Choice("context", {"medical", "promotional", "any"}, false, 0));
  c.requires_signals = r.Strings("requires", false);
  c.explanation = r.String("explanation", true);
  c.basis = r.Strings("basis", true);
  r.String("note", false);
  c.prov = r.ReadProvenance();
  r.Finish();
  kb_->claims_.push_back(std::move(c));
}

void KnowledgeLoader::ReadSignal(const toml::table& t, const std::string& file) {
  EntryReader r(t, file, diagnostics_);
  Signal s;
  s.id = r.id();
  s.kind = static_cast<SignalKind>(r.Choice(
      "kind",
      {"price", "contact", "booking", "call_to_action", "seller_voice", "medical_context",
       "reported_speech", "negation", "victim", "news", "warning", "institution_type", "question"},
      true, 0));
  s.terms = r.Strings("terms", false);
  s.patterns = r.Strings("patterns", false);
  if (s.terms.empty() && s.patterns.empty()) r.Error("signal has neither `terms` nor `patterns`");
  CheckPatternCharacters(s.patterns, *kb_->normalizer_, r);
  s.value = r.String("value", s.kind == SignalKind::kInstitutionType);
  if (s.kind == SignalKind::kInstitutionType) {
    s.max_grade = r.Int("max_grade", true, 0, 4);
    s.basis = r.Strings("basis", true);
  }
  r.String("note", false);
  s.prov = r.ReadProvenance();
  r.Finish();
  kb_->signals_.push_back(std::move(s));
}

void KnowledgeLoader::ReadGradeRule(const toml::table& t, const std::string& file) {
  EntryReader r(t, file, diagnostics_);
  GradeRule g;
  g.id = r.id();
  g.grade = r.Int("grade", true, 1, 4);
  g.institutions = r.Strings("institutions", true);
  g.basis = r.Strings("basis", true);
  for (const toml::table* clause : r.Tables("allow", true)) {
    EntryReader c(*clause, file, diagnostics_, false, g.id);
    GradeClause a;
    a.type = c.String("type", true);
    a.levels = c.Ints("levels", false, 1, 3);
    a.departments_any = c.Strings("departments_any", false);
    a.departments_all = c.Strings("departments_all", false);
    a.note = c.String("note", false);
    a.certainty = c.ReadCertainty();
    c.Finish();
    g.allow.push_back(std::move(a));
  }
  r.String("note", false);
  g.prov = r.ReadProvenance();
  r.Finish();
  kb_->grade_rules_.push_back(std::move(g));
}

void KnowledgeLoader::ReadDepartmentRule(const toml::table& t, const std::string& file) {
  EntryReader r(t, file, diagnostics_);
  DepartmentRule d;
  d.id = r.id();
  d.specialty = r.String("specialty", true);
  d.departments = r.Strings("departments", true);
  d.basis = r.Strings("basis", true);
  r.String("note", false);
  d.prov = r.ReadProvenance();
  r.Finish();
  kb_->department_rules_.push_back(std::move(d));
}

void KnowledgeLoader::ReadPracticeRule(const toml::table& t, const std::string& file) {
  EntryReader r(t, file, diagnostics_);
  PracticeRule p;
  p.id = r.id();
  p.applies = static_cast<PracticeCase>(r.Choice(
      "applies",
      {"non_medical_venue", "licence_revoked", "licence_suspended", "licence_expired",
       "project_not_registered", "banned", "non_catalog", "doctor_unregistered",
       "doctor_not_attending"},
      true, 0));
  p.types = r.Strings("types", p.applies == PracticeCase::kNonMedicalVenue);
  p.explanation = r.String("explanation", true);
  p.basis = r.Strings("basis", true);
  r.String("note", false);
  p.prov = r.ReadProvenance();
  r.Finish();
  kb_->practice_rules_.push_back(std::move(p));
}

void KnowledgeLoader::ReadCategoryNote(const toml::table& t, const std::string& file) {
  EntryReader r(t, file, diagnostics_);
  CategoryNote n;
  std::string category = r.String("category", true);
  if (auto cat = ParseCategory(category)) n.category = *cat;
  else if (!category.empty()) r.Error("unknown category \"" + category + "\"");
  n.title = r.String("title", true);
  n.explanation = r.String("explanation", true);
  n.basis = r.Strings("basis", true);
  n.prov = r.ReadProvenance();
  r.Finish();
  notes_ids_.push_back(r.id());
  kb_->category_notes_.push_back(std::move(n));
}

void KnowledgeLoader::ReadWording(const toml::table& t, const std::string& file) {
  EntryReader r(t, file, diagnostics_);
  Wording w;
  w.id = r.id();
  w.text = r.String("text", true);
  w.prov = r.ReadProvenance();
  r.Finish();
  kb_->wordings_.push_back(std::move(w));
}

// The wordings the code fills in, each with the placeholders it provides.
void KnowledgeLoader::CheckWordings() {
  static const std::pair<const char*, std::vector<std::string>> kRequired[] = {
      {"wording.procedure.banned", {"name", "about"}},
      {"wording.procedure.non_standard", {"term", "about"}},
      {"wording.product.unapproved", {"term", "summary"}},
      {"wording.venue.unlicensed", {"venue", "procedure"}},
      {"wording.venue.beyond_grade", {"procedure", "grade", "venue", "max_grade"}},
      {"wording.model.claim", {"title", "percent", "explanation"}},
  };
  for (const auto& required : kRequired) {
    // Not a structured binding: clang 14 cannot capture one in the lambda.
    const std::string id = required.first;
    const std::vector<std::string>& keys = required.second;
    const auto w = std::find_if(kb_->wordings_.begin(), kb_->wordings_.end(),
                                [&](const Wording& x) { return x.id == id; });
    if (w == kb_->wordings_.end()) {
      diagnostics_->push_back({"kb/wording.toml", 0, id, "missing: the screener words its findings with it"});
      continue;
    }
    for (size_t open = w->text.find('{'); open != std::string::npos; open = w->text.find('{', open + 1)) {
      const size_t close = w->text.find('}', open);
      const std::string key = w->text.substr(open + 1, close == std::string::npos ? 0 : close - open - 1);
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        std::string known;
        for (const std::string& k : keys) known += (known.empty() ? "{" : ", {") + k + "}";
        Report(w->prov, w->id, "unknown placeholder {" + key + "} (this wording has " + known + ")");
      }
    }
  }
  if (const ClaimModel* m = kb_->claim_model_.get()) {
    for (Category c : m->categories()) {
      if (!kb_->FindCategoryNote(c)) {
        Report(m->prov(), m->id(), "no [[category]] note for " + std::string(CategoryName(c)) +
                                       ": its findings would have no explanation");
      }
    }
  }
}

void KnowledgeLoader::CheckInstitutionVocabulary(const std::vector<std::string>& names,
                                                 bool departments, const Provenance& prov,
                                                 const std::string& id) {
  for (const std::string& n : names) {
    if (departments ? IsDepartment(n) : IsInstitutionType(n)) continue;
    Report(prov, id, std::string(departments ? "unknown department \"" : "unknown institution type \"") +
                         n + "\" (see doc/kb_format.md for the vocabulary)");
  }
}

void KnowledgeLoader::AddTerm(const std::string& term, EntityRef ref, bool ambiguous,
                              const Provenance& prov, const std::string& id) {
  std::string folded = kb_->normalizer_->Fold(term);
  if (folded.empty()) {
    Report(prov, id, "term \"" + term + "\" is empty after normalisation");
    return;
  }
  auto [it, inserted] = kb_->terms_.emplace(folded, TermOwner{ref, ambiguous, term});
  if (inserted) return;
  if (it->second.ref == ref) {
    Report(prov, id, "term \"" + term + "\" is listed twice (as \"" + it->second.term + "\")");
    return;
  }
  Report(prov, id, "term \"" + term + "\" collides with \"" + it->second.term + "\" of [" +
                       kb_->IdOf(it->second.ref) + "] (both fold to \"" + folded + "\")");
}

void KnowledgeLoader::CheckBasis(const std::vector<std::string>& basis, const Provenance& prov,
                                 const std::string& id) {
  for (const std::string& law : basis) {
    if (!kb_->FindLaw(law)) Report(prov, id, "basis names unknown law id \"" + law + "\"");
  }
}

std::shared_ptr<Knowledge> KnowledgeLoader::Finish() {
  Knowledge& kb = *kb_;
  // Ids are unique across every kind of entry.
  std::unordered_map<std::string, const Provenance*> ids;
  auto claim_id = [&](const std::string& id, const Provenance& prov) {
    if (id.empty()) return;
    auto [it, inserted] = ids.emplace(id, &prov);
    if (!inserted) {
      Report(prov, id, "duplicate id (first defined at " + it->second->file + ":" +
                           std::to_string(it->second->line) + ")");
    }
  };
  for (size_t i = 0; i < kb.laws_.size(); ++i) {
    claim_id(kb.laws_[i].id, kb.laws_[i].prov);
    kb.law_index_.emplace(kb.laws_[i].id, i);
  }
  for (size_t i = 0; i < kb.procedures_.size(); ++i) {
    claim_id(kb.procedures_[i].id, kb.procedures_[i].prov);
    kb.procedure_index_.emplace(kb.procedures_[i].id, i);
  }
  for (const Product& p : kb.products_) claim_id(p.id, p.prov);
  for (const Claim& c : kb.claims_) claim_id(c.id, c.prov);
  for (const Signal& s : kb.signals_) claim_id(s.id, s.prov);
  for (const GradeRule& g : kb.grade_rules_) claim_id(g.id, g.prov);
  for (size_t i = 0; i < kb.category_notes_.size(); ++i) claim_id(notes_ids_[i], kb.category_notes_[i].prov);
  for (const Wording& w : kb.wordings_) claim_id(w.id, w.prov);
  if (kb.claim_model_) claim_id(kb.claim_model_->id(), kb.claim_model_->prov());
  std::set<Category> noted;
  for (const CategoryNote& n : kb.category_notes_) {
    CheckBasis(n.basis, n.prov, CategoryName(n.category).data());
    if (!noted.insert(n.category).second) {
      Report(n.prov, std::string(CategoryName(n.category)), "a second [[category]] note for this category");
    }
  }
  CheckWordings();
  CheckComplaintWordings();
  for (const ComplaintChannel& c : kb.complaint_channels_) claim_id(c.id, c.prov);

  std::set<std::string> signal_ids;
  for (const Signal& s : kb.signals_) signal_ids.insert(s.id);

  for (uint32_t i = 0; i < kb.procedures_.size(); ++i) {
    const Procedure& p = kb.procedures_[i];
    const EntityRef ref{Kind::kProcedure, i};
    for (const auto& a : p.aliases) AddTerm(a, ref, false, p.prov, p.id);
    for (const auto& a : p.ambiguous_aliases) AddTerm(a, ref, true, p.prov, p.id);
    for (const auto& a : p.grade_ambiguous_aliases) {
      if (std::find(p.ambiguous_aliases.begin(), p.ambiguous_aliases.end(), a) == p.ambiguous_aliases.end()) {
        Report(p.prov, p.id, "grade_ambiguous_aliases: \"" + a + "\" is not one of its ambiguous_aliases");
      }
    }
    // The official name is a term too; listing it among the aliases as well is harmless.
    auto named = kb.terms_.find(kb.normalizer_->Fold(p.name));
    if (named == kb.terms_.end() || !(named->second.ref == ref)) {
      AddTerm(p.name, ref, false, p.prov, p.id);
    }
    CheckBasis(p.basis, p.prov, p.id);
    if (p.grade != 0 && p.specialty != "美容外科") {
      Report(p.prov, p.id, "only 美容外科 items are graded, but specialty is " + p.specialty);
    }
    // Qualification judges a 美容外科 item by its grade: without one it could not say who may do
    // it.
    if (p.grade == 0 && p.specialty == "美容外科" && p.status == ProcedureStatus::kCatalog) {
      Report(p.prov, p.id, "a catalog 美容外科 item needs its grade (1–4)");
    }
  }
  for (uint32_t i = 0; i < kb.products_.size(); ++i) {
    const Product& p = kb.products_[i];
    const EntityRef ref{Kind::kProduct, i};
    for (const auto& a : p.aliases) AddTerm(a, ref, false, p.prov, p.id);
    for (const auto& a : p.ambiguous_aliases) AddTerm(a, ref, true, p.prov, p.id);
    CheckBasis(p.basis, p.prov, p.id);
    if (!p.procedure.empty() && !kb.FindProcedure(p.procedure)) {
      Report(p.prov, p.id, "procedure \"" + p.procedure + "\" is not a procedure id");
    }
  }
  for (uint32_t i = 0; i < kb.claims_.size(); ++i) {
    const Claim& c = kb.claims_[i];
    for (const auto& term : c.terms) AddTerm(term, {Kind::kClaim, i}, false, c.prov, c.id);
    CheckBasis(c.basis, c.prov, c.id);
    for (const auto& s : c.requires_signals) {
      if (!signal_ids.count(s)) Report(c.prov, c.id, "requires unknown signal id \"" + s + "\"");
    }
  }
  for (uint32_t i = 0; i < kb.signals_.size(); ++i) {
    const Signal& s = kb.signals_[i];
    for (const auto& term : s.terms) AddTerm(term, {Kind::kSignal, i}, false, s.prov, s.id);
    CheckBasis(s.basis, s.prov, s.id);
  }
  std::set<int> graded;
  for (const GradeRule& g : kb.grade_rules_) {
    CheckBasis(g.basis, g.prov, g.id);
    if (g.grade && !graded.insert(g.grade).second) Report(g.prov, g.id, "a second rule for this grade");
    for (const GradeClause& a : g.allow) {
      CheckInstitutionVocabulary({a.type}, false, g.prov, g.id);
      CheckInstitutionVocabulary(a.departments_any, true, g.prov, g.id);
      CheckInstitutionVocabulary(a.departments_all, true, g.prov, g.id);
    }
  }
  std::map<std::string, const DepartmentRule*> by_specialty;  // the look-up uses the first only
  for (const DepartmentRule& d : kb.department_rules_) {
    claim_id(d.id, d.prov);
    if (auto [it, inserted] = by_specialty.emplace(d.specialty, &d); !inserted) {
      Report(d.prov, d.id,
             "a second department_rule for " + d.specialty + " (the first is " + it->second->id +
                 " at " + it->second->prov.file + ":" + std::to_string(it->second->prov.line) +
                 ")");
    }
    CheckBasis(d.basis, d.prov, d.id);
    CheckInstitutionVocabulary(d.departments, true, d.prov, d.id);
  }
  std::set<PracticeCase> cases;
  for (const PracticeRule& p : kb.practice_rules_) {
    claim_id(p.id, p.prov);
    CheckBasis(p.basis, p.prov, p.id);
    CheckInstitutionVocabulary(p.types, false, p.prov, p.id);
    if (!cases.insert(p.applies).second) {
      Report(p.prov, p.id, std::string("a second practice_rule for ") + PracticeCaseName(p.applies));
    }
  }
  for (const Law& l : kb.laws_) {
    if (!l.effective.empty() && !l.superseded.empty() && l.superseded < l.effective) {
      Report(l.prov, l.id, "superseded before it took effect");
    }
  }

  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash_));
  kb.version_ = hex;
  return std::move(kb_);
}

Result<std::shared_ptr<const Knowledge>> Knowledge::Load(const std::string& dir,
                                                         std::shared_ptr<const text::Normalizer> normalizer,
                                                         std::vector<Diagnostic>* diagnostics) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound("knowledge-base directory " + dir + " does not exist");
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".toml") files.push_back(it->path());
  }
  if (ec) return Status::IoError("listing " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  if (files.empty()) return Status::NotFound("no *.toml files in " + dir);

  KnowledgeLoader loader(std::move(normalizer), diagnostics);
  const size_t before = diagnostics->size();
  for (const fs::path& f : files) {
    // Shown as "kb/claims/x.toml" whatever the directory was called on the command line.
    const fs::path base = fs::path(dir).lexically_normal();
    const fs::path shown = (base.has_filename() ? base.filename() : base.parent_path().filename()) /
                           fs::relative(f, dir);
    loader.LoadFile(f.string(), shown.string());
  }
  std::shared_ptr<Knowledge> kb = loader.Finish();
  const size_t problems = diagnostics->size() - before;
  if (problems > 0) {
    return Status::InvalidArgument("knowledge base " + dir + " has " + std::to_string(problems) +
                                   " problem(s)");
  }
  return std::shared_ptr<const Knowledge>(std::move(kb));
}

}  // namespace jianmei::kb
