#include "cli/campaign_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "campaign/parallel_for.h"
#include "core/rfc3339.h"
#include "cli/line_reader.h"
#include "cli/post.h"

namespace jianmei::cli {
namespace {

using json = nlohmann::ordered_json;

struct Source {
  size_t line = 0;
  bool has_id = false;
};

json Clauses(const std::vector<campaign::ClauseCount>& cs) {
  json a = json::array();
  for (const auto& c : cs) a.push_back({{"text", c.text}, {"copies", c.copies}});
  return a;
}

json Entities(const std::vector<campaign::EntityCount>& es) {
  json a = json::array();
  for (const auto& e : es) a.push_back({{"kind", e.entity.kind}, {"name", e.entity.name}, {"posts", e.posts}});
  return a;
}

// What of a screening report bears on campaigns (campaign::PostInfo documents each field).
void TakeScreening(const screen::Report& r, campaign::PostInfo* p) {
  p->findings = r.risk / 100.0;
  p->promotional = r.promotional;
  auto add = [&](const screen::EntityInfo& e) {
    campaign::PromotedEntity pe{e.kind, e.name};
    if (std::find(p->entities.begin(), p->entities.end(), pe) == p->entities.end()) {
      p->entities.push_back(std::move(pe));
    }
  };
  for (const screen::Finding& f : r.findings) {
    p->paid_or_testimonial |= f.category == Category::kPaidPromotion ||
                              f.category == Category::kTestimonialOrEndorser;
    p->banned_procedure |= f.category == Category::kNonCatalogProcedure;
    if (f.has_entity) add(f.entity);
  }
  for (const screen::Mention& m : r.mentions) add(m.entity);
}

// Screens every post on `threads` threads; false (reported on err) if a scratch cannot be made.
bool ScreenPosts(const screen::Screener& screener, unsigned threads,
                 std::vector<campaign::PostInfo>* posts, std::ostream& err) {
  std::vector<std::unique_ptr<screen::Screener::Scratch>> scratch;
  for (unsigned t = 0; t < campaign::ThreadCount(threads); ++t) {
    auto s = screener.NewScratch();
    if (!s.ok()) {
      err << "jianmei campaigns: " << s.status().ToString() << "\n";
      return false;
    }
    scratch.push_back(std::move(*s));
  }
  campaign::ParallelFor(posts->size(), threads, [&](unsigned t, size_t i) {
    campaign::PostInfo& p = (*posts)[i];
    // A post the screener cannot read keeps no findings; its text still clusters.
    if (auto report = screener.Screen(p.text, *scratch[t]); report.ok()) TakeScreening(*report, &p);
  });
  return true;
}

json PostRef(const campaign::PostInfo& p, const Source& s) {
  json j = {{"line", s.line}};
  if (s.has_id) j["id"] = p.id;
  return j;
}

// "c<line>": the input line of the campaign's first post.
std::string CampaignId(const campaign::Campaign& c, const std::vector<Source>& sources) {
  return fmt::format("c{}", sources[c.cluster].line);
}

json CampaignToJson(const campaign::Campaign& c, const std::vector<campaign::PostInfo>& posts,
                    const std::vector<Source>& sources, size_t max_members) {
  json j;
  j["campaign"] = CampaignId(c, sources);
  j["kind"] = campaign::ClusterKindName(c.kind);
  j["score"] = c.score;
  j["promotion_share"] = c.promotion_share;
  j["posts"] = c.posts.size();
  j["account_count"] = c.account_count;
  const size_t listed_accounts = std::min(c.accounts.size(), max_members);
  j["accounts"] = std::vector<std::string>(c.accounts.begin(), c.accounts.begin() + listed_accounts);
  j["accounts_omitted"] = c.accounts.size() - listed_accounts;
  j["anonymous_posts"] = c.anonymous_posts;
  if (c.first) {
    j["first_posted"] = FormatRfc3339(*c.first);
    j["last_posted"] = FormatRfc3339(*c.last);
    j["span_seconds"] = *c.last - *c.first;
  }
  j["window_seconds"] = c.window_seconds;
  j["score_parts"] = {{"accounts", c.parts.accounts},
                      {"compactness", c.parts.compactness},
                      {"shared_handles", c.parts.shared_handles},
                      {"coparticipation", c.parts.coparticipation},
                      {"findings", c.parts.findings}};
  json handles = json::array(), institutions = json::array();
  for (const auto& h : c.handles) {
    json e = {{"kind", campaign::HandleKindName(h.handle.kind)}, {"value", h.handle.value},
              {"written", h.handle.written}, {"posts", h.posts}};
    if (campaign::IsContactKind(h.handle.kind)) handles.push_back(e);
    else institutions.push_back(e);
  }
  j["handles"] = handles;
  j["institutions"] = institutions;
  j["procedures"] = Entities(c.entities);
  const uint32_t rep = c.variation.representative;
  j["representative"] = PostRef(posts[rep], sources[rep]);
  j["representative"]["text"] = posts[rep].text;
  j["varies"] = {{"stable_share", c.variation.stable_share},
                 {"changed", Clauses(c.variation.changed)},
                 {"added", Clauses(c.variation.added)},
                 {"numbers", c.variation.numbers}};
  json members = json::array();
  for (size_t i = 0; i < c.posts.size() && i < max_members; ++i) {
    const uint32_t d = c.posts[i];
    json m = PostRef(posts[d], sources[d]);
    if (!posts[d].author.empty()) m["author"] = posts[d].author;
    if (posts[d].time) m["posted_at"] = FormatRfc3339(*posts[d].time);
    members.push_back(std::move(m));
  }
  j["members"] = std::move(members);
  j["members_omitted"] = c.posts.size() - std::min(c.posts.size(), max_members);
  return j;
}

}  // namespace

CampaignCounts RunCampaigns(std::istream& in, std::ostream& out, std::ostream& err,
                            const CampaignRunOptions& options) {
  CampaignCounts counts;
  auto fail = [&](const std::string& message) {
    err << "jianmei campaigns: " << message << "\n";
    counts.failed = true;
    return counts;
  };
  auto normalizer = text::Normalizer::Create();
  if (!normalizer.ok()) return fail(normalizer.status().ToString());
  auto probe = campaign::Index::Create(options.index, campaign::CommonShingles(), *normalizer);
  if (!probe.ok()) return fail(probe.status().ToString());

  // Pass 1: read and validate every line; bad lines become error records at once.
  std::vector<campaign::PostInfo> posts;
  std::vector<Source> sources;
  LineReader reader(in, options.max_line_bytes);
  std::string line;
  size_t length;
  while (reader.Next(&line, &length)) {
    ++counts.lines;
    const size_t n = reader.line_number();
    std::string id;
    auto error = [&](const std::string& message) {
      json e = {{"line", n}};
      if (!id.empty()) e["id"] = id;
      e["error"] = message;
      out << e.dump() << "\n";
      ++counts.errors;
    };
    if (length > options.max_line_bytes) {
      error(fmt::format("line is {} bytes, longer than the limit of {} (--max-line-bytes)", length,
                        options.max_line_bytes));
      continue;
    }
    auto post = ParsePost(line, &id);
    if (!post.ok()) {
      error(post.status().message());
      continue;
    }
    std::optional<int64_t> time;
    if (!post->posted_at.empty()) time = ParseRfc3339(post->posted_at);
    posts.push_back({std::move(post->id), std::move(post->author), time, std::move(post->text)});
    sources.push_back({n, post->has_id});
    if (options.progress && posts.size() % 65536 == 0) {
      err << fmt::format("\rjianmei campaigns: read {} lines", counts.lines) << std::flush;
    }
  }
  counts.posts = posts.size();
  if (options.screener) {
    if (options.progress) err << "\rjianmei campaigns: screening " << posts.size() << " posts" << std::flush;
    if (!ScreenPosts(*options.screener, options.threads, &posts, err)) {
      counts.failed = true;
      return counts;
    }
  }

  // Pass 2: document frequencies on a sample, then the index.
  campaign::CommonShingles::Counter counter;
  {
    std::vector<std::string_view> sample;
    for (size_t i = 0; i < posts.size() && i < options.df_sample; ++i) sample.push_back(posts[i].text);
    (*probe)->CountShingles(sample, options.threads, &counter);
  }
  auto index = campaign::Index::Create(options.index, counter.Build(options.common), *normalizer);
  if (!index.ok()) return fail(index.status().ToString());
  std::vector<std::string_view> batch;
  for (size_t i = 0; i < posts.size(); i += options.batch) {
    batch.clear();
    for (size_t k = i; k < posts.size() && k < i + options.batch; ++k) batch.push_back(posts[k].text);
    (*index)->AddBatch(batch, options.threads, nullptr);
    if (options.progress) {
      err << fmt::format("\rjianmei campaigns: indexed {} of {} posts", (*index)->size(), posts.size())
          << std::flush;
    }
  }
  if (options.progress) err << "\n";

  // Campaigns come first (FindCampaigns sorts by kind), shared text after them.
  const auto clusters = campaign::FindCampaigns(**index, posts, options.campaigns);
  for (const auto& c : clusters) {
    const bool is_campaign = c.kind == campaign::ClusterKind::kCampaign;
    ++(is_campaign ? counts.campaigns : counts.shared_text);
    if (is_campaign || options.shared_text) {
      out << CampaignToJson(c, posts, sources, options.max_members).dump() << "\n";
    }
  }
  out.flush();

  if (!options.save_index.empty()) {
    // Labels name index clusters: a campaign is labelled when it holds its index cluster's first
    // post (a cluster split into several groups labels the group holding that post).
    std::map<uint32_t, std::string> labels;
    for (const auto& c : clusters) {
      if (c.kind == campaign::ClusterKind::kCampaign && (*index)->Cluster(c.cluster) == c.cluster) {
        labels.emplace(c.cluster, CampaignId(c, sources));
      }
    }
    if (Status s = (*index)->SetCampaignLabels(std::move(labels)); !s.ok()) return fail(s.ToString());
    const std::string tmp = options.save_index + ".tmp";
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    const std::string bytes = (*index)->Save();
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.close();
    if (!f || std::rename(tmp.c_str(), options.save_index.c_str()) != 0) {
      std::remove(tmp.c_str());
      return fail("cannot write the index to " + options.save_index);
    }
  }
  return counts;
}

void AddCampaignsCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto options = std::make_shared<CampaignRunOptions>();
  auto input = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "campaigns", "Find coordinated ghost-written campaigns (代发) in JSON Lines posts from FILE "
                   "or stdin; one JSON object per campaign, highest score first (doc/campaigns.md). "
                   "Exit 0: all lines read; 1: some lines were error records; 2: failure.");
  cmd->add_option("file", *input, "input file (default: standard input)");
  cmd->add_option("--threads", options->threads, "worker threads (default: all cores)");
  cmd->add_option("--max-line-bytes", options->max_line_bytes,
                  "longest accepted line; longer ones become error records")->capture_default_str();
  cmd->add_option("--min-accounts", options->campaigns.min_accounts,
                  "distinct accounts for a cluster to be a campaign")->capture_default_str();
  cmd->add_option("--min-jaccard", options->index.min_jaccard,
                  "exact shingle Jaccard needed to link two posts")->capture_default_str();
  cmd->add_option("--seed", options->index.seed, "MinHash seed (recorded in a saved index)")
      ->capture_default_str();
  cmd->add_option("--max-df", options->common.max_document_share,
                  "shingles in more than this share of posts are dropped as boilerplate")
      ->capture_default_str();
  cmd->add_option("--df-sample", options->df_sample,
                  "posts (the first ones) sampled for document frequencies")->capture_default_str();
  cmd->add_flag("--no-contact-links", [options](int64_t) { options->index.link_contacts = false; },
                "do not link posts by shared WeChat/QQ/phone handles");
  cmd->add_flag("--shared-text", options->shared_text,
                "also write shared-text clusters (quoted news, memes, platform templates), after "
                "the campaigns");
  cmd->add_option("--max-members", options->max_members,
                  "members and accounts listed per cluster; the rest are counted")
      ->capture_default_str();
  cmd->add_option("--save-index", options->save_index,
                  "write the index, with its campaigns, to this file (for scan --campaigns-index)");
  auto no_screening = std::make_shared<bool>(false);
  cmd->add_flag("--no-screening", *no_screening,
                "do not screen posts (no findings in the score, no procedures reported)");
  cmd->callback([options, input, exit_code, no_screening, &global] {
    std::shared_ptr<const screen::Screener> screener;
    if (!*no_screening) {
      auto loaded = LoadScreener(global);
      if (!loaded.ok()) {
        std::cerr << "jianmei campaigns: " << loaded.status().ToString() << "\n";
        *exit_code = kExitFailure;
        return;
      }
      screener = *loaded;
      options->screener = screener.get();
    }
    std::ifstream file;
    std::istream* in = OpenInput(*input, "campaigns", &file);
    if (!in) {
      *exit_code = kExitFailure;
      return;
    }
    options->progress = isatty(STDERR_FILENO);
    std::ios::sync_with_stdio(false);
    const CampaignCounts c = RunCampaigns(*in, std::cout, std::cerr, *options);
    if (c.failed) {
      *exit_code = kExitFailure;
      return;
    }
    std::cerr << fmt::format(
        "jianmei campaigns: {} lines, {} posts, {} error records, {} campaigns, {} shared-text "
        "clusters{}\n",
        c.lines, c.posts, c.errors, c.campaigns, c.shared_text,
        options->shared_text ? "" : " (not written; --shared-text writes them)");
    *exit_code = c.errors ? kExitInputErrors : kExitOk;
  });
}

}  // namespace jianmei::cli
