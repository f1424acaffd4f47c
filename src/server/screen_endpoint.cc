// ApiServer's POST /api/v1/screen: screen one post or a batch, and store them when asked.
#include <chrono>

#include "campaign/timestamp.h"
#include "screen/report_json.h"
#include "server/api_server.h"
#include "server/http_json.h"
#include "server/screen_request.h"

namespace jianmei::server {
namespace {

store::StoredScreening ToStored(const ApiPost& post, const screen::Report& report,
                                const std::string& now) {
  store::StoredScreening s;
  s.post_id = post.id;
  s.author = post.author;
  s.platform = post.platform;
  s.url = post.url;
  s.posted_at = post.posted_at;
  s.institution = post.institution;
  s.text = post.text;
  s.screened_at = now;
  s.verdict = screen::VerdictName(report.verdict);
  s.risk = report.risk;
  s.promotional = report.promotional;
  for (const screen::Finding& f : report.findings) {
    s.findings.push_back({std::string(CategoryName(f.category)), f.rule,
                          std::string(SeverityName(f.severity)), f.has_entity ? f.entity.id : "",
                          static_cast<int64_t>(f.span.begin), static_cast<int64_t>(f.span.end)});
  }
  return s;
}

}  // namespace

void ApiServer::Screen(const httplib::Request& req, httplib::Response& res) {
  auto request = ParseScreenRequest(req.body, {config_.max_batch, config_.max_text_bytes});
  if (!request.ok()) return SendError(res, 400, "bad_request", request.status().message());
  if (request->store && !Authorized(req, res)) return;
  if (screen_hook_) screen_hook_();
  auto scratch = scratch_.Acquire();
  if (!scratch.ok()) return SendError(res, 503, "unavailable", scratch.status().message());
  const std::string now = campaign::FormatRfc3339(
      std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::system_clock::now().time_since_epoch()).count());
  nlohmann::json results = nlohmann::json::array();
  std::vector<store::StoredScreening> stored;
  for (const ApiPost& post : request->posts) {
    auto report = screener_->Screen(post.text, **scratch);
    if (!report.ok()) return SendError(res, 503, "unavailable", report.status().message());
    nlohmann::json j = screen::ReportToJson(*report, post.text);
    if (post.has_id) j["id"] = post.id;
    results.push_back(std::move(j));
    metrics_.CountPost(request->store);
    for (const screen::Finding& f : report->findings) metrics_.CountFinding(f.category);
    if (request->store) stored.push_back(ToStored(post, *report, now));
  }
  if (request->store) {
    auto ids = store_->Add(stored);
    if (!ids.ok()) return SendError(res, 503, "unavailable", "storing failed: " + ids.status().message());
    for (size_t i = 0; i < ids->size(); ++i) results[i]["stored_id"] = (*ids)[i];
  }
  if (request->batch) SendJson(res, {{"results", std::move(results)}});
  else SendJson(res, results[0]);
}

}  // namespace jianmei::server
