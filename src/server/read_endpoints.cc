// ApiServer's read-only endpoints: procedures, stats, health.
#include "server/api_server.h"
#include "server/http_json.h"
#include "server/procedure_json.h"

namespace jianmei::server {

void ApiServer::SearchProcedures(const Request& req, Response& res) {
  const std::optional<std::string> query = SearchQuery(req, res);
  if (!query) return;
  const std::string& q = *query;
  const auto pipeline = CurrentPipeline();
  auto scratch = scratch_.Acquire(*pipeline);
  if (!scratch.ok()) return SendError(res, 503, "unavailable", scratch.status().message());
  nlohmann::json results = nlohmann::json::array();
  for (const kb::Procedure* p : server::SearchProcedures(*screener_, *(**scratch).screen, q, 20)) {
    results.push_back(ProcedureSummaryJson(*p));
  }
  SendJson(res, {{"query", q}, {"results", results}});
}

void ApiServer::GetProcedure(const std::string& id, Response& res) {
  const kb::Procedure* p = screener_->knowledge().FindProcedure(id);
  if (!p) return SendError(res, 404, "not_found", "no procedure with id \"" + id.substr(0, 100) + "\"");
  SendJson(res, ProcedureDetailJson(screener_->knowledge(), *p));
}

void ApiServer::GetStats(const Request& req, Response& res) {
  int top = 10;
  if (req.HasParam("top")) {
    const std::string t = req.Param("top");
    if (t.empty() || t.size() > 3 || t.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(t) < 1 || std::stoi(t) > 100) {
      return SendError(res, 400, "bad_request", "top must be an integer from 1 to 100");
    }
    top = std::stoi(t);
  }
  auto stats = store_->Stats(top);
  if (!stats.ok()) return SendError(res, 503, "unavailable", stats.status().message());
  nlohmann::json by_category = nlohmann::json::array(), by_day = nlohmann::json::array(),
                 by_institution = nlohmann::json::array();
  for (const auto& c : stats->by_category) {
    by_category.push_back({{"category", c.category}, {"findings", c.findings}});
  }
  for (const auto& d : stats->by_day) {
    by_day.push_back({{"day", d.day}, {"category", d.category}, {"findings", d.findings}});
  }
  for (const auto& i : stats->by_institution) {
    by_institution.push_back({{"institution", i.institution}, {"findings", i.findings},
                              {"serious", i.serious}, {"posts", i.posts}});
  }
  SendJson(res, {{"posts", stats->posts},
                 {"findings", stats->findings},
                 {"by_category", by_category},
                 {"by_day", by_day},
                 {"by_institution", by_institution}});
}

void ApiServer::GetHealth(Response& res) {
  SendJson(res, {{"status", "ok"}, {"kb_version", screener_->knowledge().version()}});
}

}  // namespace jianmei::server
