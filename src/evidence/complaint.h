// A victim's complaint record, kept in the log as an entry of kind complaint whose body is the
// canonical JSON below (keys sorted, no spaces). Plain value type; functions are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "evidence/entry.h"

namespace jianmei::evidence {

struct Complaint {
  std::string procedure;    // required, e.g. "小腿神经阻断术"
  std::string institution;  // required: the clinic or person as named by the victim
  std::string date;         // when it happened (YYYY-MM-DD), optional
  std::string narrative;    // required: what happened
  std::vector<std::string> harms;
  std::string appraisal;    // medical/forensic appraisal, e.g. "十级伤残"; empty if none
  int64_t paid_cents = -1;  // what was paid, in fen (CNY cents); -1 when not given
  std::vector<uint64_t> evidence_ids;  // indices of capture entries in the same log
  // Who files it and how to reach them; both optional (an anonymous report is still a record).
  std::string complainant_name, complainant_contact;
  // The institution's address as the victim knows it (the registry holds no addresses); optional.
  std::string institution_address;
  std::vector<std::string> requests;  // 诉求: what the victim asks for, e.g. "退还费用"
  friend bool operator==(const Complaint&, const Complaint&) = default;
};

inline constexpr size_t kMaxComplaintJsonBytes = 1 << 20;

// Parses and validates {"procedure", "institution", "narrative", optional "date", "harms",
// "appraisal", "paid_cents", "evidence_ids", "complainant_name", "complainant_contact",
// "institution_address", "requests"}; unknown keys are refused.
Result<Complaint> ParseComplaint(std::string_view json_text);
std::string ComplaintToJson(const Complaint& c);
Entry ComplaintEntry(const Complaint& c, std::string recorded_at);

}  // namespace jianmei::evidence
