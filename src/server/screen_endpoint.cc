// ApiServer's POST /api/v1/screen: screen one post or a batch, and store them when asked.
#include "core/rfc3339.h"
#include "screen/report_json_writer.h"
#include "server/api_server.h"
#include "server/http_json.h"
#include "server/screen_request.h"

namespace jianmei::server {
namespace {

store::StoredScreening ToStored(const screen::Post& post, const screen::Report& report,
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

void ApiServer::Screen(const Request& req, Response& res) {
  if (!RequireJsonContentType(req, res)) return;
  auto request = ParseScreenRequest(
      req.body, {config_.max_batch, config_.max_text_bytes, config_.ocr.limits.max_bytes});
  if (!request.ok()) return SendError(res, 400, "bad_request", request.status().message());
  if (request->store && !Authorized(req, res)) return;
  if (screen_hook_) screen_hook_();
  std::vector<screen::Report> reports;
  reports.reserve(request->posts.size());
  {
    const auto pipeline = CurrentPipeline();
    auto scratch = scratch_.Acquire(*pipeline);
    if (!scratch.ok()) return SendError(res, 503, "unavailable", scratch.status().message());
    for (const screen::Post& post : request->posts) {
      auto report = pipeline->Screen(post, **scratch);
      if (!report.ok()) return SendError(res, 503, "unavailable", report.status().message());
      reports.push_back(std::move(*report));
    }
  }
  std::vector<int64_t> stored_ids;
  if (request->store) {
    const std::string now = NowRfc3339();
    std::vector<store::StoredScreening> stored;
    for (size_t i = 0; i < reports.size(); ++i) stored.push_back(ToStored(request->posts[i], reports[i], now));
    auto ids = store_->Add(stored);
    if (!ids.ok()) return SendError(res, 503, "unavailable", "storing failed: " + ids.status().message());
    stored_ids = std::move(*ids);
  }
  for (const screen::Report& report : reports) {
    metrics_.CountPost(request->store);
    for (const screen::Finding& f : report.findings) metrics_.CountFinding(f.category);
  }
  // Written straight into the body (screen/report_json_writer.h): a finding is ~1 KB of JSON, and
  // building and freeing a JSON tree for it cost more than screening (perf, bench/README.md).
  std::string body = request->batch ? "{\"results\":[" : "";
  for (size_t i = 0; i < reports.size(); ++i) {
    const screen::Post& post = request->posts[i];
    if (i) body.push_back(',');
    screen::RecordFields fields;
    if (post.has_id) fields.id = post.id;
    screen::OutputField stored{"stored_id", int64_t{0}};
    if (!stored_ids.empty()) {
      stored.value = stored_ids[i];
      fields.extra = {&stored, 1};
    }
    screen::AppendReportJson(reports[i], post.text, fields, &body);
  }
  if (request->batch) body += "]}";
  res.status = 200;
  res.SetContent(std::move(body), "application/json; charset=utf-8");
}

}  // namespace jianmei::server
