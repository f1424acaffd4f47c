#include "screen/learned_findings.h"

#include <algorithm>
#include <cmath>

namespace jianmei::screen {

void AddLearnedFindings(const kb::Knowledge& kb, const kb::ClaimModel::Scores& scores, bool medical,
                        Report* report) {
  const kb::ClaimModel* model = kb.claim_model();
  if (!model) return;
  std::array<bool, kCategoryCount> found{};
  for (const Finding& f : report->findings) found[static_cast<int>(f.category)] = true;
  const double threshold = medical ? model->threshold() : model->threshold_outside_medical();
  bool added = false;
  for (Category c : model->categories()) {
    const int i = static_cast<int>(c);
    const double p = scores.probability[i];
    const kb::CategoryNote* note = kb.FindCategoryNote(c);  // the loader requires one
    if (found[i] || p < threshold || !note || scores.evidence[i].empty()) continue;
    Finding f;
    f.category = c;
    f.rule = model->id();
    f.learned = true;
    f.severity = Severity::kLow;
    f.span = scores.evidence[i];
    f.confidence = static_cast<uint8_t>(std::clamp(std::lround(p * 100), 0L, 100L));
    f.explanation = kb::FillWording(kb.WordingText("wording.model.claim"),
                                    {{"title", note->title},
                                     {"percent", std::to_string(f.confidence)},
                                     {"explanation", note->explanation}});
    f.certainty = std::max(model->prov().certainty, note->prov.certainty);
    AddBasis(kb, note->basis, &f);
    report->findings.push_back(std::move(f));
    added = true;
  }
  if (added) {
    std::stable_sort(report->findings.begin(), report->findings.end(),
                     [](const Finding& a, const Finding& b) { return a.span.begin < b.span.begin; });
  }
}

}  // namespace jianmei::screen
