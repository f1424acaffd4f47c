// ApiServer's registry endpoints: institutions search and detail (with the stored screenings
// that named them and the archived complaints linked to them), qualification, and the registry
// import (needs the bearer token).
#include "registry/qualification_json.h"
#include "server/api_server.h"
#include "server/http_json.h"
#include "server/qualify_request.h"

namespace jianmei::server {
namespace {

constexpr int kHistoryLimit = 20;

nlohmann::json HistoryJson(const store::InstitutionHistory& h) {
  nlohmann::json recent = nlohmann::json::array();
  for (const store::ScreeningRecord& r : h.recent) {
    const store::StoredScreening& s = r.screening;
    nlohmann::json findings = nlohmann::json::array();
    for (const store::StoredFinding& f : s.findings) {
      const bool in_text = f.start >= 0 && f.start <= f.end && static_cast<size_t>(f.end) <= s.text.size();
      findings.push_back({{"category", f.category}, {"rule", f.rule}, {"severity", f.severity},
                          {"span", {f.start, f.end}},
                          {"text", in_text ? s.text.substr(f.start, f.end - f.start) : ""}});
    }
    recent.push_back({{"stored_id", r.id}, {"post_id", s.post_id}, {"platform", s.platform},
                      {"url", s.url}, {"posted_at", s.posted_at}, {"institution", s.institution},
                      {"text", s.text}, {"verdict", s.verdict}, {"risk", s.risk},
                      {"findings", findings}});
  }
  return {{"posts", h.posts}, {"findings", h.findings}, {"serious", h.serious}, {"recent", recent}};
}

}  // namespace

void ApiServer::SearchInstitutions(const Request& req, Response& res) {
  const std::optional<std::string> query = SearchQuery(req, res);
  if (!query) return;
  const std::string& q = *query;
  auto directory = registry_->directory();
  nlohmann::json results = nlohmann::json::array();
  // An exact licence first: Directory::Search folds the query (lower case) but not the licences
  // it searches, so a licence with letters is found only this way.
  auto exact = directory->FindByLicence(q);
  if (!exact.ok()) return SendError(res, 503, "unavailable", exact.status().message());
  if (*exact) results.push_back(registry::InstitutionToJson(**exact));
  auto found = directory->Search(q, 20);
  if (!found.ok()) return SendError(res, 503, "unavailable", found.status().message());
  for (const registry::Institution& i : *found) {
    if (!*exact || i.licence != (*exact)->licence) results.push_back(registry::InstitutionToJson(i));
  }
  auto size = directory->InstitutionCount();
  if (!size.ok()) return SendError(res, 503, "unavailable", size.status().message());
  SendJson(res, {{"query", q}, {"results", results}, {"registry_size", *size}});
}

void ApiServer::GetInstitution(const std::string& licence, Response& res) {
  auto directory = registry_->directory();
  auto found = directory->FindByLicence(licence);
  if (!found.ok()) return SendError(res, 503, "unavailable", found.status().message());
  if (!*found) {
    return SendError(res, 404, "not_found",
                     "no institution with licence \"" + licence.substr(0, 100) + "\" in the registry");
  }
  const registry::Institution* i = &**found;
  nlohmann::json j = registry::InstitutionToJson(*i);
  nlohmann::json doctors = nlohmann::json::array();
  auto at = directory->DoctorsAt(i->licence);
  if (!at.ok()) return SendError(res, 503, "unavailable", at.status().message());
  for (const registry::Doctor& d : *at) doctors.push_back(registry::DoctorToJson(d));
  j["doctors"] = doctors;
  std::vector<std::string> names = {i->name, i->licence};
  names.insert(names.end(), i->aliases.begin(), i->aliases.end());
  auto history = store_->History(names, kHistoryLimit);
  if (!history.ok()) return SendError(res, 503, "unavailable", history.status().message());
  j["history"] = HistoryJson(*history);
  auto complaints = complaints_->LinkedTo(i->licence);
  if (!complaints.ok()) return SendError(res, 503, "unavailable", complaints.status().message());
  j["complaints"] = {{"count", complaints->size()}, {"entries", *complaints}};
  SendJson(res, j);
}

void ApiServer::Qualify(const Request& req, Response& res) {
  if (!RequireJsonContentType(req, res)) return;
  auto request = ParseQualifyRequest(req.body);
  if (!request.ok()) return SendError(res, 400, "bad_request", request.status().message());
  registry::Date date = registry::Today();
  if (!request->date.empty()) {
    auto parsed = registry::ParseDate(request->date);
    if (!parsed) return SendError(res, 400, "bad_request", "date: not a YYYY-MM-DD calendar date");
    date = *parsed;
  }
  auto q = registry_->directory()->Qualify(request->institution, request->procedure, date);
  if (!q.ok()) {
    const bool missing = q.status().code() == Status::Code::kNotFound;
    return SendError(res, missing ? 404 : 400, missing ? "not_found" : "bad_request", q.status().message());
  }
  nlohmann::json j = registry::QualificationToJson(*q);
  j["date"] = date.iso;
  SendJson(res, j);
}

void ApiServer::ImportRegistry(const Request& req, Response& res) {
  if (!Authorized(req, res)) return;
  const std::string type = req.Header("Content-Type");
  registry::FileFormat format;
  if (type.starts_with("text/csv")) format = registry::FileFormat::kCsv;
  else if (type.starts_with("application/x-ndjson") || type.starts_with("application/jsonl")) {
    format = registry::FileFormat::kJsonLines;
  } else {
    return SendError(res, 415, "unsupported_media_type",
                     "send the registry file as text/csv or application/x-ndjson (doc/registry.md)");
  }
  auto result = registry_->Import(req.body, format);
  if (!result.ok()) return SendError(res, 503, "unavailable", "import failed: " + result.status().message());
  if (!result->errors.empty()) {
    nlohmann::json rows = nlohmann::json::array();
    for (size_t k = 0; k < result->errors.size() && k < 100; ++k) {
      rows.push_back(registry::FormatRowError(result->errors[k]));
    }
    return SendJson(res, {{"error", {{"code", "bad_request"},
                                     {"message", std::to_string(result->errors.size()) +
                                                     " bad row(s), nothing imported; first: " +
                                                     registry::FormatRowError(result->errors[0])},
                                     {"rows", rows}}}}, 400);
  }
  const auto& c = result->counts;
  auto size = registry_->directory()->InstitutionCount();
  if (!size.ok()) return SendError(res, 503, "unavailable", size.status().message());
  SendJson(res, {{"institutions_added", c.institutions_added}, {"institutions_updated", c.institutions_updated},
                 {"doctors_added", c.doctors_added}, {"doctors_updated", c.doctors_updated},
                 {"registry_size", *size}});
}

}  // namespace jianmei::server
