#include "server/metrics.h"

#include <gtest/gtest.h>

namespace jianmei::server {
namespace {

TEST(Metrics, RendersCumulativeHistogramAndBoundedLabels) {
  Metrics m;
  m.ObserveRequest("GET", 200, 0.0002);   // first bucket
  m.ObserveRequest("POST", 200, 0.003);   // le=0.005
  m.ObserveRequest("BREW", 400, 10);      // beyond every bucket; unknown method
  m.CountPost(true);
  m.CountPost(false);
  m.CountFinding(Category::kAbsoluteTerms);
  const std::string out = m.Render();
  EXPECT_NE(out.find("jianmei_http_requests_total{method=\"other\",code=\"400\"} 1\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("BREW"), std::string::npos);
  EXPECT_NE(out.find("_bucket{le=\"0.0005\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("_bucket{le=\"0.0025\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("_bucket{le=\"0.005\"} 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("_bucket{le=\"2.5\"} 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("_bucket{le=\"+Inf\"} 3\n"), std::string::npos) << out;
  EXPECT_NE(out.find("jianmei_http_request_duration_seconds_count 3\n"), std::string::npos);
  EXPECT_NE(out.find("jianmei_screened_posts_total 2\n"), std::string::npos);
  EXPECT_NE(out.find("jianmei_stored_posts_total 1\n"), std::string::npos);
  EXPECT_NE(out.find("jianmei_findings_total{category=\"absolute_terms\"} 1\n"), std::string::npos);
  EXPECT_NE(out.find("jianmei_findings_total{category=\"paid_promotion\"} 0\n"), std::string::npos);
}

}  // namespace
}  // namespace jianmei::server
