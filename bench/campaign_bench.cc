// Campaign clustering at scale: planted campaigns hidden in N background posts (100k → 1M):
// document frequencies on a 200k sample, featurize on all cores, incremental insert, campaign
// report. Counters: posts/s, groups of kind campaign found vs planted, shared-text groups,
// index memory and the process's peak RSS
// (run one size per process, e.g. --benchmark_filter=/1000000, for a clean peak).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "campaign/campaign.h"
#include "campaign/planted_corpus.h"
#include "core/rfc3339.h"

namespace jianmei::campaign {
namespace {

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void BM_Campaigns(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  PlantedOptions o;
  o.seed = 42;
  o.background = n;
  o.edit_rates = {0.05, 0.10, 0.15};
  o.campaigns_per_rate = std::max<size_t>(1, n / 10000);
  const PlantedCorpus corpus = GeneratePlanted(o);
  std::vector<PostInfo> infos;
  std::vector<std::string_view> texts;
  infos.reserve(corpus.posts.size());
  for (const PlantedPost& p : corpus.posts) {
    infos.push_back({p.id, p.author, ParseRfc3339(p.posted_at), p.text, 0});
    texts.push_back(infos.back().text);
  }
  auto normalizer = text::Normalizer::Create();
  size_t found = 0, index_bytes = 0, pure_background = 0, shared_text = 0;
  double report_seconds = 0;  // FindCampaigns alone (centred groups, kind, variation)
  for (auto _ : state) {
    auto probe = Index::Create({}, CommonShingles(), *normalizer);
    CommonShingles::Counter counter;
    (*probe)->CountShingles(std::span(texts).first(std::min<size_t>(texts.size(), 200000)), 0,
                            &counter);
    auto index = Index::Create({}, counter.Build({}), *normalizer);
    constexpr size_t kBatch = 65536;
    for (size_t i = 0; i < texts.size(); i += kBatch) {
      (*index)->AddBatch(std::span(texts).subspan(i, std::min(kBatch, texts.size() - i)), 0, nullptr);
    }
    const auto report_start = std::chrono::steady_clock::now();
    const auto campaigns = FindCampaigns(**index, infos, {});
    report_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - report_start).count();
    found = 0;
    pure_background = 0;
    shared_text = 0;
    for (const Campaign& c : campaigns) {
      if (c.kind != ClusterKind::kCampaign) {
        ++shared_text;
        continue;
      }
      ++found;
      bool planted = false;
      for (uint32_t d : c.posts) planted = planted || corpus.posts[d].campaign >= 0;
      pure_background += !planted;
    }
    index_bytes = (*index)->MemoryBytes();
    benchmark::DoNotOptimize(campaigns.data());
  }
  state.counters["posts"] = static_cast<double>(corpus.posts.size());
  state.counters["posts_per_s"] =
      benchmark::Counter(static_cast<double>(corpus.posts.size()), benchmark::Counter::kIsRate);
  state.counters["planted"] = static_cast<double>(corpus.campaign_rate.size());
  state.counters["found"] = static_cast<double>(found);
  state.counters["background_only"] = static_cast<double>(pure_background);
  state.counters["shared_text"] = static_cast<double>(shared_text);
  state.counters["report_s"] = report_seconds;
  state.counters["index_MB"] = static_cast<double>(index_bytes) / (1 << 20);
  state.counters["peak_RSS_MB"] = PeakRssMb();
}

BENCHMARK(BM_Campaigns)
    ->Arg(100000)->Arg(200000)->Arg(500000)->Arg(1000000)
    ->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

}  // namespace
}  // namespace jianmei::campaign

BENCHMARK_MAIN();
