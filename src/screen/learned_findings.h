// Learned findings: the categories the knowledge base's claim model (kb/model/) reads in a text
// where no lexicon entry of that category matched. A finding of the model is low in severity,
// names the sentence that weighed most, and says that it is the model's reading.
#pragma once

#include <string_view>

#include "kb/knowledge.h"
#include "screen/report.h"

namespace jianmei::screen {

// Adds to report->findings (keeping them sorted by span) one finding per category the model
// scored (`scores`, from the text screened) at or above its threshold (the stricter one unless the
// rules found the text `medical`) and the report has no finding of. No-op without a model.
void AddLearnedFindings(const kb::Knowledge& kb, const kb::ClaimModel::Scores& scores, bool medical,
                        Report* report);

}  // namespace jianmei::screen
