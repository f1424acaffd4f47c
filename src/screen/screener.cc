#include "screen/screener.h"

#include <algorithm>
#include <array>

#include "kb/lexicon.h"
#include "screen/learned_findings.h"
#include "screen/quotation.h"
#include "screen/text_context.h"

namespace jianmei::screen {
namespace {

using kb::EntityRef;
using kb::SignalKind;

// A term of at most two characters that spans a sentence end is a coincidence, not a match.
constexpr uint32_t kShortTermBytes = 6;
// An expression match of at most four characters that spans a clause break is one too.
constexpr uint32_t kShortPatternBytes = 12;

// Whether literal hit `s` is a coincidence of two sentences (没有。副作用 read as 没有副作用): it
// crosses a sentence end, and is short or has no other removed noise inside it. Evasion that
// splits a term with punctuation splits it in more than one place (没。有。副。作。用).
bool JoinsTwoSentences(const text::NormalizedText& nt, Span s) {
  if (!nt.CrossesBreak(s, true)) return false;
  if (s.size() <= kShortTermBytes) return true;
  int noisy = 0;
  for (uint32_t p = s.begin + 1; p < s.end; ++p)
    noisy += (nt.evasion[p] & text::kEvasionNoise) != 0;
  return noisy < 2;
}

// Claims about how a service is sold (guarantees, rates, testimonials, prices, titles …), as
// opposed to claims that name what is sold (a banned technique, an unregistered product).
bool IsAdLanguage(Category c) {
  switch (c) {
    case Category::kNonCatalogProcedure:
    case Category::kBeyondLicenceScope:
    case Category::kUnlicensedProvider:
    case Category::kUnapprovedDrugDevice:
      return false;
    default:
      return true;
  }
}

// ？ and ? in the original text: a consumer asking (weighed by TextContext::Decide).
int CountQuestionMarks(std::string_view text) {
  int n = 0;
  for (std::string_view mark : {std::string_view("?"), std::string_view("？")}) {
    for (size_t p = text.find(mark); p != std::string_view::npos; p = text.find(mark, p + 1)) ++n;
  }
  return n;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether a literal hit cuts into a Latin word of the original text (spa in SUPER-SPACE, hifu in
// chifu): a letter touches its first letter with nothing removed between them. A contact marker
// may run straight into the handle it introduces (vxmeimei88), so only its start is checked.
bool CutsLatinWord(const text::NormalizedText& nt, Span s, bool check_end) {
  const std::string& f = nt.folded;
  auto touching = [&](uint32_t at) { return !(nt.evasion[at] & text::kEvasionNoise); };
  if (s.begin > 0 && IsAsciiLetter(f[s.begin]) && IsAsciiLetter(f[s.begin - 1]) &&
      touching(s.begin)) {
    return true;
  }
  return check_end && s.end < f.size() && IsAsciiLetter(f[s.end - 1]) && IsAsciiLetter(f[s.end]) &&
         touching(s.end);
}

Severity OneLower(Severity s) {
  return s == Severity::kLow ? s : static_cast<Severity>(static_cast<int>(s) - 1);
}

class ReportBuilder {
 public:
  ReportBuilder(const kb::Knowledge& kb, const text::NormalizedText& nt) : kb_(kb), nt_(nt) {}

  EntityInfo Entity(EntityRef ref) const {
    EntityInfo e;
    if (ref.kind == EntityRef::Kind::kProcedure) {
      const kb::Procedure& p = kb_.procedures()[ref.index];
      e = {"procedure", p.id, p.name, kb::ProcedureStatusName(p.status), p.grade};
    } else {
      const kb::Product& p = kb_.products()[ref.index];
      e = {"product", p.id, p.name, kb::ProductStatusName(p.status), 0};
      if (const kb::Procedure* proc = kb_.FindProcedure(p.procedure)) e.grade = proc->grade;
    }
    return e;
  }

  Finding& Add(Category cat, std::string rule, Severity sev, Span folded, const kb::Provenance& prov,
               const std::vector<std::string>& basis, std::string explanation) {
    Finding f;
    f.category = cat;
    f.rule = std::move(rule);
    f.severity = sev;
    f.span = nt_.ToOriginal(folded);
    f.evasion = hit_ && hit_->span == folded ? match::EvasionOf(nt_, *hit_) : nt_.EvasionIn(folded);
    f.confidence = hit_ && hit_->span == folded ? hit_->confidence : 100;
    f.explanation = std::move(explanation);
    f.certainty = prov.certainty;
    f.basis.reserve(basis.size());
    screen::AddBasis(kb_, basis, &f);
    findings_.push_back(std::move(f));
    return findings_.back();
  }

  // Room for n findings, so that adding them moves none.
  void Reserve(size_t n) { findings_.reserve(n); }

  // The hit the next findings come from (its pinyin/homophone bits and confidence).
  void SetHit(const match::Hit* h) { hit_ = h; }

  std::vector<Finding> Take() {
    // One finding per category and place: keep the most severe of overlapping ones. The order
    // is sorted rather than the findings, which are large to move.
    std::vector<uint32_t> order(findings_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t i, uint32_t j) {
      const Finding &a = findings_[i], &b = findings_[j];
      if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
      return a.severity > b.severity;
    });
    std::vector<Finding> out;
    out.reserve(findings_.size());
    // Every kept finding starts at or before this one, so a non-empty one overlaps a kept one of
    // its category exactly when that category's kept findings reach past its start (a search of
    // all kept findings for each made a long text's findings quadratic).
    std::array<uint32_t, kCategoryCount> reach{};
    for (uint32_t i : order) {
      Finding& f = findings_[i];
      const auto c = static_cast<size_t>(f.category);
      const bool dup =
          f.span.begin < f.span.end
              ? reach[c] > f.span.begin
              : std::any_of(out.begin(), out.end(), [&](const Finding& g) {
                  return g.category == f.category && g.span.Overlaps(f.span);
                });
      if (dup) continue;
      reach[c] = std::max(reach[c], f.span.end);
      out.push_back(std::move(f));
    }
    return out;
  }

 private:
  const kb::Knowledge& kb_;
  const text::NormalizedText& nt_;
  const match::Hit* hit_ = nullptr;
  std::vector<Finding> findings_;
};

}  // namespace

Result<std::shared_ptr<const Screener>> Screener::Create(
    std::shared_ptr<const kb::Knowledge> kb, std::shared_ptr<const text::Normalizer> normalizer,
    const match::ScannerOptions& options) {
  auto scanner = match::Scanner::Compile(kb::BuildLexicon(*kb), options);
  if (!scanner.ok()) return scanner.status();
  std::shared_ptr<Screener> s(new Screener());
  s->kb_ = std::move(kb);
  s->normalizer_ = std::move(normalizer);
  s->scanner_ = *scanner;
  return std::shared_ptr<const Screener>(std::move(s));
}

Result<std::unique_ptr<Screener::Scratch>> Screener::NewScratch() const {
  auto scan = scanner_->NewScratch();
  if (!scan.ok()) return scan.status();
  auto s = std::make_unique<Scratch>();
  s->scan = std::move(*scan);
  return s;
}

Result<Report> Screener::ScreenUnscored(std::string_view text, Scratch& scratch,
                                        const CallerContext& caller) const {
  normalizer_->NormalizeInto(text, {}, &scratch.normalized);
  const text::NormalizedText& nt = scratch.normalized;
  scratch.hits.clear();
  if (Status st = scanner_->Scan(nt, *scratch.scan, &scratch.hits); !st.ok()) return st;
  const auto& entries = scanner_->entries();
  const kb::Knowledge& kb = *kb_;
  auto is_claim = [&](const match::Hit* h) {
    return entries[h->entry].owner.kind == EntityRef::Kind::kClaim;
  };
  auto claim_of = [&](const match::Hit* h) -> const kb::Claim& {
    return kb.claims()[entries[h->entry].owner.index];
  };

  // Split hits into the signal layer and the finding layer (entities and claims); within the
  // finding layer the longest match wins (小腿肌肉阻断术 over 阻断术).
  std::vector<SignalHit> signals;
  std::vector<const match::Hit*> layer;
  signals.reserve(scratch.hits.size());  // one allocation each rather than one per doubling
  layer.reserve(scratch.hits.size());
  // Hits come by start, longest first, so every hit in the layer starts at or before this one:
  // one of its kind contains it exactly when that kind's layer reaches its end. Kinds: the
  // entities, and each claim category.
  std::array<uint32_t, kCategoryCount + 1> layer_reach{};
  auto kind_of = [&](const match::Hit* o) {
    return is_claim(o) ? static_cast<size_t>(claim_of(o).category) : static_cast<size_t>(kCategoryCount);
  };
  for (const match::Hit& h : scratch.hits) {
    const kb::LexiconEntry& e = entries[h.entry];
    if (e.literal && JoinsTwoSentences(nt, h.span)) continue;
    // A short expression match across a clause break joins two clauses' words (医院，最好).
    if (!e.literal && h.span.size() <= kShortPatternBytes && nt.CrossesBreak(h.span, false)) continue;
    const kb::Signal* signal =
        e.owner.kind == EntityRef::Kind::kSignal ? &kb.signals()[e.owner.index] : nullptr;
    const bool contact = signal && signal->kind == SignalKind::kContact;
    if (e.literal && h.confidence == 100 && CutsLatinWord(nt, h.span, !contact)) continue;
    if (signal) {
      signals.push_back({signal, h.span});
      continue;
    }
    // Only a longer hit of the same kind hides it: a claim pattern (做完…细了) that spans a
    // procedure's name must not hide the procedure, nor a disguised-ad phrase (我做的是) the
    // testimonial in it. Hits with the same span are different readings and all stay.
    const size_t kind = kind_of(&h);
    bool contained = layer_reach[kind] >= h.span.end;
    // The same span read twice (hits of one start are adjacent): both readings stay.
    for (auto o = layer.rbegin(); contained && o != layer.rend() && (*o)->span.begin == h.span.begin; ++o) {
      if (kind_of(*o) == kind && (*o)->span == h.span) contained = false;
    }
    if (contained) continue;
    layer.push_back(&h);
    layer_reach[kind] = std::max(layer_reach[kind], h.span.end);
  }

  TextContext ctx(nt, std::move(signals));
  const Quotation quotation(text);
  auto denied = [&](Span s) { return ctx.Precedes(SignalKind::kNegation, s, 0); };
  // Someone else's words: after 说是/号称/所谓, or between quotation marks in a text that
  // complains, reports, warns or asks (an ad quotes its own slogans too).
  const bool counter_cues = ctx.HasCounterCue();
  auto reported = [&](Span s, Span orig) {
    return ctx.PrecedesInSentence(SignalKind::kReportedSpeech, s) ||
           (counter_cues && quotation.Quoted(orig));
  };
  auto requirements_met = [&](const kb::Claim& c) {
    return c.requires_signals.empty() ||
           std::any_of(c.requires_signals.begin(), c.requires_signals.end(),
                       [&](const std::string& id) { return ctx.HasSignal(id); });
  };

  // Naming what is sold: a procedure or product (even an ambiguous name such as 双眼皮), or a
  // claim that names a banned technique or an unregistered product. A `promotional`-context
  // claim (私人渠道, 水货: words that are medical only next to something medical) cannot.
  ContextEvidence evidence;
  evidence.caller = caller;
  // What makes the text medical besides the signals: a context-any claim (无创, 存活率98%), or two
  // or more efficacy or safety assertions, which are ad copy for a service even when no
  // treatment is named ("逆龄十年 无创修复 快速见效"; one alone may be a skincare line).
  int assertions = 0;
  bool any_context_claim = false;
  for (const match::Hit* h : layer) {
    if (!is_claim(h)) {
      if (!evidence.entity) evidence.entity = h->span;
      continue;
    }
    const kb::Claim& c = claim_of(h);
    if (!IsAdLanguage(c.category) && c.context != kb::ClaimContext::kPromotional &&
        !evidence.entity) {
      evidence.entity = h->span;
    }
    any_context_claim = any_context_claim || c.context == kb::ClaimContext::kAny;
    if (c.context != kb::ClaimContext::kPromotional && IsAdLanguage(c.category) &&
        requirements_met(c) && !denied(h->span)) {
      ++assertions;
    }
  }
  const bool medical =
      ctx.medical(evidence.entity.has_value()) || any_context_claim || assertions >= 2;
  // Whether claim c counts here at all: 永久 in a fortune cookie is not a medical guarantee.
  // A `promotional`-context claim speaks of medical aesthetics only in a text about it.
  auto in_context = [&](const kb::Claim& c) {
    return c.context == kb::ClaimContext::kAny || medical;
  };
  // Ad language makes a text read as an offer, but only where it would count itself.
  std::vector<bool> claim_counts(layer.size(), false), asked(layer.size(), false);
  for (size_t i = 0; i < layer.size(); ++i) {
    const match::Hit* h = layer[i];
    if (!is_claim(h)) continue;
    const kb::Claim& c = claim_of(h);
    if (!in_context(c) || !requirements_met(c) || denied(h->span)) continue;
    // A claim in a question ("真能保持终身吗？") is asked: it says nothing about the text, and
    // counts once the text is promotion (ads ask rhetorically). The form words of a disguised
    // ad (科普, 日记) are not assertions, so a question does not ask them. Only someone else's
    // words say "report".
    const Span orig = nt.ToOriginal(h->span);
    const bool asks = quotation.Asked(orig);
    if (reported(h->span, orig) || (asks && c.category != Category::kDisguisedAd)) {
      if (asks) asked[i] = true;
      else evidence.quoted_claims.push_back(h->span);
      continue;
    }
    claim_counts[i] = true;
    if (!IsAdLanguage(c.category)) continue;
    // A `promotional`-context claim (superlatives, first-person results) only reinforces an
    // offer that something else makes; it cannot make one.
    if (c.context == kb::ClaimContext::kPromotional) ++evidence.reinforcing_claims;
    else evidence.ad_claims.push_back(h->span);
  }
  evidence.question_marks = CountQuestionMarks(text);
  // The model reads the text at most once: its promotion column informs the judgement, its
  // categories the learned findings below. It learned "ad or not" from texts about medical
  // aesthetics only; of any other text (a manual, a poem) its reading says nothing, so such a text
  // is read only if it is judged.
  const kb::ClaimModel* model = kb.claim_model();
  kb::ClaimModel::Scores model_scores;
  bool scored = false;
  if (model && model->promotion() && medical) {
    model->Score(text, &model_scores);
    scored = true;
    if (model_scores.promotion >= model->promotion()->above) evidence.model_reading = true;
    else if (model_scores.promotion <= model->promotion()->below) evidence.model_reading = false;
  }
  ctx.Decide(evidence);

  Report report;
  report.kind = ctx.kind();
  report.promotional = ctx.promotional();
  for (const Cue& c : ctx.cues()) {
    report.cues.push_back({c.name, c.span.empty() ? c.span : nt.ToOriginal(c.span), c.for_promotion});
  }
  // Findings in promotion and in a text of unknown kind (a slogan with no offer is still a
  // claim); a complaint, report, warning or question keeps only its mentions.
  const bool judged = Judged(report);
  ReportBuilder out(kb, nt);
  // A hit makes at most two findings: its own and its venue's.
  if (judged) out.Reserve(2 * layer.size());
  const kb::Signal* venue = ctx.LeastQualifiedVenue();

  for (size_t i = 0; i < layer.size(); ++i) {
    const match::Hit* h = layer[i];
    out.SetHit(h);
    const kb::LexiconEntry& e = entries[h->entry];
    if (e.owner.kind == EntityRef::Kind::kClaim) {
      const kb::Claim& c = kb.claims()[e.owner.index];
      if (!judged || !(claim_counts[i] || (asked[i] && report.promotional))) continue;
      out.Add(c.category, c.id, c.severity, h->span, c.prov, c.basis, c.explanation);
      continue;
    }
    // Valid for this hit: no other mention is added before the next one.
    report.mentions.push_back(
        {out.Entity(e.owner), nt.ToOriginal(h->span), match::EvasionOf(nt, *h)});
    const EntityInfo& entity = report.mentions.back().entity;
    if (!judged) continue;

    Finding* f = nullptr;
    if (e.owner.kind == EntityRef::Kind::kProcedure) {
      const kb::Procedure& p = kb.procedures()[e.owner.index];
      auto about = [&] { return p.summary + (p.risks.empty() ? "" : " " + p.risks); };
      if (p.status == kb::ProcedureStatus::kBanned) {
        f = &out.Add(Category::kNonCatalogProcedure, "procedure.banned", Severity::kCritical,
                     h->span, p.prov, p.basis,
                     kb::FillWording(kb.WordingText("wording.procedure.banned"),
                                     {{"name", p.name}, {"about", about()}}));
      } else if (p.status == kb::ProcedureStatus::kNonStandard) {
        f = &out.Add(Category::kNonCatalogProcedure, "procedure.non_standard", Severity::kMedium,
                     h->span, p.prov, p.basis,
                     kb::FillWording(kb.WordingText("wording.procedure.non_standard"),
                                     {{"term", e.display}, {"about", about()}}));
      }
    } else {
      const kb::Product& p = kb.products()[e.owner.index];
      if (p.status == kb::ProductStatus::kUnapproved) {
        f = &out.Add(Category::kUnapprovedDrugDevice, "product.unapproved", Severity::kHigh, h->span,
                     p.prov, p.basis,
                     kb::FillWording(kb.WordingText("wording.product.unapproved"),
                                     {{"term", e.display}, {"summary", p.summary}}));
      }
    }
    // A finding about the entity names it; when its name may mean something else (除皱: a
    // grade-2 operation or a grade-1 injection), the finding says so and weighs one step less.
    auto name_entity = [&](Finding& g) {
      g.has_entity = true;
      g.entity = entity;
      g.ambiguous = e.ambiguous;
      if (e.ambiguous) g.severity = OneLower(g.severity);
    };
    // Complete the entity finding now: the venue findings below may reallocate its storage.
    if (f) {
      name_entity(*f);
      f = nullptr;
    }
    // The venue that offers it: a 生活美容 shop may do no medical procedure at all, a 诊所 only
    // grade 1 (kb/grade_rules.toml, kb/signals.toml).
    // "本诊所不开展隆胸" names the venue and the procedure to deny it.
    if (venue && entity.status != "banned" && !denied(h->span)) {
      const kb::GradeRule* rule = kb.FindGradeRule(entity.grade);
      if (venue->max_grade == 0) {
        Finding& g = out.Add(Category::kUnlicensedProvider, "venue.unlicensed", Severity::kCritical,
                             h->span, venue->prov, venue->basis,
                             kb::FillWording(kb.WordingText("wording.venue.unlicensed"),
                                             {{"venue", venue->value}, {"procedure", entity.name}}));
        name_entity(g);
      } else if (entity.grade > venue->max_grade && rule) {
        Finding& g = out.Add(Category::kBeyondLicenceScope, "venue.beyond_grade", Severity::kHigh,
                             h->span, rule->prov, rule->basis,
                             kb::FillWording(kb.WordingText("wording.venue.beyond_grade"),
                                             {{"procedure", entity.name},
                                              {"grade", std::to_string(entity.grade)},
                                              {"venue", venue->value},
                                              {"max_grade", std::to_string(venue->max_grade)}}));
        AddBasis(kb, venue->basis, &g);
        name_entity(g);
      }
    }
  }

  report.findings = out.Take();
  // Ad wording no lexicon entry lists, as the learned model reads it, where the text is judged:
  // the model knows wording, the context judgement knows what kind of text it is. Outside what
  // the lexicon knows to be medical it needs a firmer reading (the wording it finds there is
  // what the lexicon misses, but so is a poem's).
  if (judged && model) {
    if (!scored) model->Score(text, &model_scores);
    AddLearnedFindings(kb, model_scores, medical || report.promotional, &report);
  }
  return report;
}

Result<Report> Screener::Screen(std::string_view text, Scratch& scratch,
                                const CallerContext& caller) const {
  auto report = ScreenUnscored(text, scratch, caller);
  if (report.ok()) ScoreReport(&*report);
  return report;
}

}  // namespace jianmei::screen
