// Asking a victim for a complaint's fields one by one (`jianmei evidence complaint new` on a
// terminal). Reads answers line by line from `in` and writes the questions to `out`; a required
// field or a malformed answer (a date that is no date, an amount that is no amount, an entry
// index that is no number) is asked again. Stateless; the streams are the caller's.
#pragma once

#include <istream>
#include <ostream>

#include "core/status.h"
#include "evidence/complaint.h"

namespace jianmei::cli {

// InvalidArgument when the input ends before the required fields are given.
Result<evidence::Complaint> PromptComplaint(std::istream& in, std::ostream& out);

// "19800", "19,800.5" or "19800.50" yuan → fen; nullopt for anything else.
std::optional<int64_t> ParseYuan(std::string_view text);

}  // namespace jianmei::cli
