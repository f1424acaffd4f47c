#include "evidence/complaint.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/civil_date.h"
#include "core/json_reader.h"
#include "core/utf8.h"

namespace jianmei::evidence {
namespace {

using nlohmann::json;

Status Str(const json& j, const char* key, bool required, std::string* out) {
  auto it = j.find(key);
  if (it == j.end()) {
    return required ? Status::InvalidArgument(std::string("complaint: \"") + key + "\" is required")
                    : Status::Ok();
  }
  if (!it->is_string()) return Status::InvalidArgument(std::string("complaint: \"") + key + "\" must be a string");
  *out = it->get<std::string>();
  if (required && out->empty()) {
    return Status::InvalidArgument(std::string("complaint: \"") + key + "\" must not be empty");
  }
  return Status::Ok();
}

Status Strings(const json& j, const char* key, std::vector<std::string>* out) {
  auto it = j.find(key);
  if (it == j.end()) return Status::Ok();
  if (!it->is_array()) return Status::InvalidArgument(std::string("complaint: \"") + key + "\" must be an array");
  for (const auto& item : *it) {
    if (!item.is_string()) {
      return Status::InvalidArgument(std::string("complaint: \"") + key + "\" items must be strings");
    }
    out->push_back(item.get<std::string>());
  }
  return Status::Ok();
}

}  // namespace

Result<Complaint> ParseComplaint(std::string_view text) {
  if (text.size() > kMaxComplaintJsonBytes) return Status::InvalidArgument("complaint: JSON too large");
  if (utf8::FindInvalid(text) != std::string_view::npos) {
    return Status::InvalidArgument("complaint: not UTF-8");
  }
  auto parsed = ReadJson(text, "complaint");
  if (!parsed.ok()) return Status::InvalidArgument("complaint: " + parsed.status().message());
  const json& j = *parsed;
  if (!j.is_object()) return Status::InvalidArgument("complaint: must be a JSON object");
  static const char* const kKeys[] = {"procedure",        "institution",         "date",
                                      "narrative",        "harms",               "appraisal",
                                      "paid_cents",       "evidence_ids",        "complainant_name",
                                      "complainant_contact", "institution_address", "requests"};
  for (const auto& [k, v] : j.items()) {
    if (std::find(std::begin(kKeys), std::end(kKeys), k) == std::end(kKeys)) {
      return Status::InvalidArgument("complaint: unknown key \"" + k + "\"");
    }
  }
  Complaint c;
  if (Status s = Str(j, "procedure", true, &c.procedure); !s.ok()) return s;
  if (Status s = Str(j, "institution", true, &c.institution); !s.ok()) return s;
  if (Status s = Str(j, "narrative", true, &c.narrative); !s.ok()) return s;
  if (Status s = Str(j, "date", false, &c.date); !s.ok()) return s;
  if (!c.date.empty() && !IsIsoDate(c.date)) {
    return Status::InvalidArgument("complaint: \"date\" must be a real date as YYYY-MM-DD, not \"" +
                                   std::string(utf8::Prefix(c.date, 40)) + "\"");
  }
  if (Status s = Str(j, "appraisal", false, &c.appraisal); !s.ok()) return s;
  if (Status s = Str(j, "complainant_name", false, &c.complainant_name); !s.ok()) return s;
  if (Status s = Str(j, "complainant_contact", false, &c.complainant_contact); !s.ok()) return s;
  if (Status s = Str(j, "institution_address", false, &c.institution_address); !s.ok()) return s;
  if (Status s = Strings(j, "harms", &c.harms); !s.ok()) return s;
  if (Status s = Strings(j, "requests", &c.requests); !s.ok()) return s;
  if (auto it = j.find("paid_cents"); it != j.end()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 0) {
      return Status::InvalidArgument("complaint: \"paid_cents\" must be a non-negative integer");
    }
    c.paid_cents = it->get<int64_t>();
  }
  if (auto it = j.find("evidence_ids"); it != j.end()) {
    if (!it->is_array()) return Status::InvalidArgument("complaint: \"evidence_ids\" must be an array");
    for (const auto& id : *it) {
      if (!id.is_number_unsigned()) {
        return Status::InvalidArgument("complaint: \"evidence_ids\" items must be entry indices");
      }
      c.evidence_ids.push_back(id.get<uint64_t>());
    }
  }
  return c;
}

std::string ComplaintToJson(const Complaint& c) {
  json j = {{"procedure", c.procedure}, {"institution", c.institution}, {"narrative", c.narrative}};
  if (!c.date.empty()) j["date"] = c.date;
  if (!c.harms.empty()) j["harms"] = c.harms;
  if (!c.appraisal.empty()) j["appraisal"] = c.appraisal;
  if (c.paid_cents >= 0) j["paid_cents"] = c.paid_cents;
  if (!c.evidence_ids.empty()) j["evidence_ids"] = c.evidence_ids;
  if (!c.complainant_name.empty()) j["complainant_name"] = c.complainant_name;
  if (!c.complainant_contact.empty()) j["complainant_contact"] = c.complainant_contact;
  if (!c.institution_address.empty()) j["institution_address"] = c.institution_address;
  if (!c.requests.empty()) j["requests"] = c.requests;
  // nlohmann objects are std::map, so keys come out sorted; never throws on bad UTF-8.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Entry ComplaintEntry(const Complaint& c, std::string recorded_at) {
  Entry e;
  e.kind = EntryKind::kComplaint;
  e.recorded_at = std::move(recorded_at);
  e.text = c.narrative;
  e.body = ComplaintToJson(c);
  return e;
}

}  // namespace jianmei::evidence
