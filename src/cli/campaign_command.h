// `jianmei campaigns`: reads posts as JSON Lines (the `scan` input format; `author` and
// `posted_at` used when present), clusters them with campaign::Index and writes one JSON object
// per campaign (doc/campaigns.md), each post screened first when a screener is given; shared-text
// clusters (news, memes, templates) only on request, after the campaigns. Bad lines yield one `{"line":N,"error":…}` record each, in
// input order, before the campaigns. RunCampaigns owns nothing beyond the call.
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>

#include "campaign/campaign.h"
#include "campaign/index.h"
#include "cli/app.h"
#include "screen/screener.h"

namespace jianmei::cli {

struct CampaignRunOptions {
  campaign::IndexOptions index;
  campaign::CommonShingleOptions common;
  campaign::CampaignOptions campaigns;
  unsigned threads = 0;                // 0 = all cores
  size_t max_line_bytes = 1 << 20;     // longer lines become error records
  size_t df_sample = 200000;           // posts sampled (the first ones) for document frequencies
  size_t batch = 8192;                 // posts featurized in parallel per batch
  bool progress = false;               // progress line on stderr
  std::string save_index;              // write the index here when non-empty
  bool shared_text = false;            // also write shared-text clusters, after the campaigns
  size_t max_members = 100;            // members and accounts listed per cluster; the rest counted
  // Screens every post so its findings feed the score and its procedures are reported; null =
  // no screening (findings part 0, no procedures).
  const screen::Screener* screener = nullptr;
};

struct CampaignCounts {
  size_t lines = 0, errors = 0, posts = 0, campaigns = 0;
  size_t shared_text = 0;  // shared-text clusters found (written only with shared_text)
  bool failed = false;  // I/O failure (reported on err)
};

CampaignCounts RunCampaigns(std::istream& in, std::ostream& out, std::ostream& err,
                            const CampaignRunOptions& options);

void AddCampaignsCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace jianmei::cli
