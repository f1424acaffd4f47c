// Registry benchmarks in-process, over a registry in the proportions of the real register
// (bench/registry_generator.h). The registry is JIANMEI_BENCH_DB (a jianmei.db, such as the one
// bench/registry_scale.sh imports a million institutions into) or else 100,000 generated
// institutions imported into a temporary file.
//   BM_Import            read + check + save 100,000 generated institutions (with their keys)
//   BM_Qualify/0, /1     one qualification by licence / by registered name (indexed queries)
//   BM_LoadNameMatcher   the name matcher from its cache file (what check does at start-up)
//   BM_FindNames         the institution names in one generated post, with their licences
// bench/registry_scale.sh measures the commands themselves (time and RSS) at a million.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include "bench/post_generator.h"
#include "bench/registry_generator.h"
#include "registry/directory.h"
#include "registry/name_keys.h"
#include "registry/record_reader.h"
#include "store/migrations.h"
#include "store/registry_source.h"
#include "store/registry_store.h"

namespace {

using namespace jianmei;

constexpr size_t kGenerated = 100000;

std::shared_ptr<const kb::Knowledge> RepoKnowledge() {
  static std::shared_ptr<const kb::Knowledge> kb = [] {
    auto normalizer = text::Normalizer::Create();
    std::vector<kb::Diagnostic> diagnostics;
    auto loaded = kb::Knowledge::Load(std::string(JIANMEI_SOURCE_DIR) + "/kb", *normalizer, &diagnostics);
    if (!loaded.ok()) std::abort();
    return *loaded;
  }();
  return kb;
}

const std::string& Csv() {
  static const std::string csv = [] {
    std::ostringstream out;
    bench::WriteRegistryCsv(out, kGenerated, 1);
    return out.str();
  }();
  return csv;
}

std::string TempHome() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "jianmei-bench-XXXXXX").string();
  return mkdtemp(tmpl.data());
}

Status Import(const std::string& db_path, const std::string& csv) {
  auto db = store::Db::Open(db_path);
  if (!db.ok()) return db.status();
  if (Status s = store::MigrateRegistrySchema(db->get()); !s.ok()) return s;
  registry::ParsedRegistry p = registry::ReadRegistry(csv, registry::FileFormat::kCsv);
  if (!p.errors.empty()) return Status::InvalidArgument(registry::FormatRowError(p.errors[0]));
  auto counts = store::SaveRegistry(db->get(), RepoKnowledge()->normalizer(), p.institutions, p.doctors);
  return counts.ok() ? Status::Ok() : counts.status();
}

// The registry under test: JIANMEI_BENCH_DB, or the generated one.
const std::string& DbPath() {
  static const std::string path = [] {
    if (const char* p = std::getenv("JIANMEI_BENCH_DB"); p && *p) return std::string(p);
    const std::string db = store::DatabasePath(TempHome());
    if (Status s = Import(db, Csv()); !s.ok()) {
      std::fprintf(stderr, "registry_bench: %s\n", s.ToString().c_str());
      std::abort();
    }
    return db;
  }();
  return path;
}

std::shared_ptr<store::SqliteRecordSource> Source() {
  static auto source = [] {
    auto s = store::SqliteRecordSource::Open(DbPath());
    if (!s.ok()) std::abort();
    return *s;
  }();
  return source;
}

std::shared_ptr<const registry::Directory> WithNames() {
  static auto dir = [] {
    auto m = registry::CachedNameMatcher(*Source(), RepoKnowledge()->normalizer(), store::RegistryCacheDir(DbPath()));
    if (!m.ok()) std::abort();
    std::fprintf(stderr, "name matcher: %s in %.1f s, %zu keys, %zu patterns, %.1f MB\n",
                 m->built ? "compiled" : "loaded", m->seconds, m->matcher->key_count(),
                 m->matcher->pattern_count(), m->matcher->database_bytes() / 1e6);
    return registry::Directory::Open(RepoKnowledge(), Source(), m->matcher);
  }();
  return dir;
}

// Every 997th institution: licence and name.
const std::vector<std::pair<std::string, std::string>>& Sample() {
  static const auto sample = [] {
    std::vector<std::pair<std::string, std::string>> out;
    auto db = store::Db::Open(DbPath());
    auto q = (*db)->Prepare("SELECT licence, name FROM registry_institutions WHERE rowid % 997 = 0 LIMIT 1000");
    while (q.ok() && *q->Step()) out.emplace_back(std::string(q->Blob(0)), std::string(q->Blob(1)));
    return out;
  }();
  return sample;
}

void BM_Import(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    const std::string home = TempHome();
    state.ResumeTiming();
    if (Status s = Import(store::DatabasePath(home), Csv()); !s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      return;
    }
    state.PauseTiming();
    std::filesystem::remove_all(home);
    state.ResumeTiming();
  }
  state.counters["rows/s"] = benchmark::Counter(kGenerated, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Import)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// Arg 0: by licence; 1: by registered name (a name several institutions share is refused with
// the list of them, which is an answer too).
void BM_Qualify(benchmark::State& state) {
  auto dir = registry::Directory::Open(RepoKnowledge(), Source(), nullptr);
  const registry::Date today{"2026-11-24"};
  const bool by_name = state.range(0) == 1;
  const auto& sample = Sample();
  size_t i = 0;
  for (auto _ : state) {
    const auto& [licence, name] = sample[i++ % sample.size()];
    auto q = dir->Qualify(by_name ? name : licence, "隆胸", today);
    if (!q.ok() && (!by_name || q.status().code() != Status::Code::kInvalidArgument)) {
      state.SkipWithError(q.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(q);
  }
  state.SetLabel(by_name ? "by name" : "by licence");
  state.counters["registry"] = static_cast<double>(*dir->InstitutionCount());
}
BENCHMARK(BM_Qualify)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_LoadNameMatcher(benchmark::State& state) {
  WithNames();  // compiled and cached if it was not
  for (auto _ : state) {
    auto m = registry::CachedNameMatcher(*Source(), RepoKnowledge()->normalizer(), store::RegistryCacheDir(DbPath()));
    if (!m.ok() || m->built) {
      state.SkipWithError("not loaded from the cache");
      return;
    }
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_LoadNameMatcher)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_FindNames(benchmark::State& state) {
  auto dir = WithNames();
  static const std::vector<std::string> folded = [] {
    std::vector<std::string> out;
    for (const std::string& p : bench::GeneratePosts(2000, 7)) {
      out.push_back(RepoKnowledge()->normalizer().Normalize(p, {.collapse_repeats = true, .pinyin = false}).folded);
    }
    return out;
  }();
  auto scratch = dir->NewNameScratch();
  std::vector<screen::InstitutionDirectory::NameHit> hits;
  size_t i = 0, found = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& text = folded[i++ % folded.size()];
    if (!dir->FindNames(text, **scratch, &hits).ok()) {
      state.SkipWithError("FindNames failed");
      return;
    }
    found += hits.size();
    bytes += text.size();
  }
  state.counters["names/post"] = static_cast<double>(found) / static_cast<double>(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_FindNames)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
