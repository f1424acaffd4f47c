// Registry benchmarks at 100,000 generated (fictional) institutions.
//   BM_Import          the whole `registry import` path: read + validate the CSV (libcsv), then
//                      save every record in one transaction into a fresh SQLite file (WAL,
//                      synchronous=FULL). Issue #4 target: < 10 s.
//   BM_LoadDirectory   load the stored registry and index it (what qualify/scan do at start-up)
//   BM_Qualify         one qualification by licence (/0) or full registered name (/1), the
//                      procedure given by slang (隆胸). Target: < 1 ms.
//   BM_NameCores       compile every name core into the screening Vectorscan database
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "registry/directory.h"
#include "registry/record_reader.h"
#include "registry/record_writer.h"
#include "screen/institution_names.h"
#include "store/migrations.h"
#include "store/registry_store.h"

namespace {

using namespace jianmei;

constexpr int kInstitutions = 100000;

// Name cores from syllable lists (澄溪澄, 岚汀霁 …), types, levels and statuses in rotation.
std::string GeneratedCsv(int n) {
  static const char* const kFirst[] = {"澄", "岚", "霁", "栖", "泊", "素", "青", "眠", "闻", "砚", "听",
                                       "暮", "晴", "映", "汀", "沐", "朔", "筠", "黛", "澜"};
  static const char* const kSecond[] = {"溪", "汀", "川", "梧", "月", "渊", "禾", "松", "笛", "秋",
                                        "澜", "屿", "岫", "棠", "苒", "湄", "璟", "芷", "蘅", "萝"};
  static const char* const kCities[] = {"深圳市", "广州市", "杭州市", "成都市", "武汉市"};
  struct Kind { const char* type; const char* suffix; const char* level; const char* departments; };
  static const Kind kKinds[] = {
      {"医疗美容诊所", "医疗美容诊所", "", "医疗美容科;美容皮肤科"},
      {"医疗美容门诊部", "医疗美容门诊部有限公司", "", "医疗美容科;美容外科;麻醉科"},
      {"美容医院", "医疗美容医院", "", "医疗美容科;美容外科;麻醉科"},
      {"综合医院", "人民医院", "三级", "医疗美容科;麻醉科"},
      {"综合医院", "区医院", "二级", "医疗美容科"},
      {"整形外科医院", "整形外科医院", "", "整形外科;麻醉科"},
  };
  static const char* const kStatuses[] = {"valid", "valid", "valid", "suspended", "revoked"};
  std::string csv = registry::CsvLine(registry::kInstitutionColumns) + "\n";
  char licence[32];
  for (int i = 0; i < n; ++i) {
    const Kind& k = kKinds[i % 6];
    const std::string core = std::string(kFirst[i % 20]) + kSecond[(i / 20) % 20] + kFirst[(i / 400) % 20];
    const char* city = kCities[(i / 8000) % 5];
    std::snprintf(licence, sizeof licence, "PD%06dX440305170P122", i);
    csv += std::string(licence) + "," + city + core + k.suffix + "," + k.type + "," + k.level + "," + city +
           "," + kStatuses[i % 5] + ",2021-01-01,2035-12-31," + k.departments + ",," + core + "医美\n";
  }
  return csv;
}

const std::string& Csv() {
  static const std::string csv = GeneratedCsv(kInstitutions);
  return csv;
}

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

std::string TempHome() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "jianmei-bench-XXXXXX").string();
  return mkdtemp(tmpl.data());
}

std::shared_ptr<const registry::Directory> Directory100k() {
  static auto dir = [] {
    registry::ParsedRegistry p = registry::ReadRegistry(Csv(), registry::FileFormat::kCsv);
    if (!p.errors.empty() || p.institutions.size() != kInstitutions) std::abort();
    return registry::Directory::Create(RepoKnowledge(), std::move(p.institutions), {});
  }();
  return dir;
}

void BM_Import(benchmark::State& state) {
  const std::string& csv = Csv();
  for (auto _ : state) {
    state.PauseTiming();
    const std::string home = TempHome();
    state.ResumeTiming();
    auto db = store::Db::Open(store::DatabasePath(home));
    if (!db.ok() || !store::MigrateRegistrySchema(db->get()).ok()) {
      state.SkipWithError("cannot open the database");
      return;
    }
    registry::ParsedRegistry p = registry::ReadRegistry(csv, registry::FileFormat::kCsv);
    auto counts = store::SaveRegistry(db->get(), p.institutions, p.doctors);
    if (!p.errors.empty() || !counts.ok() || counts->institutions_added != kInstitutions) {
      state.SkipWithError("import failed");
      return;
    }
    state.PauseTiming();
    db->reset();
    std::filesystem::remove_all(home);
    state.ResumeTiming();
  }
  state.counters["institutions"] = kInstitutions;
  state.counters["rows/s"] = benchmark::Counter(kInstitutions, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["csv_MB"] = Csv().size() / 1e6;
}
BENCHMARK(BM_Import)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_LoadDirectory(benchmark::State& state) {
  const std::string home = TempHome();
  auto db = store::Db::Open(store::DatabasePath(home));
  registry::ParsedRegistry p = registry::ReadRegistry(Csv(), registry::FileFormat::kCsv);
  if (!db.ok() || !store::MigrateRegistrySchema(db->get()).ok() ||
      !store::SaveRegistry(db->get(), p.institutions, p.doctors).ok()) {
    state.SkipWithError("cannot prepare the database");
    return;
  }
  for (auto _ : state) {
    auto records = store::LoadRegistry(db->get());
    if (!records.ok()) {
      state.SkipWithError(records.status().ToString().c_str());
      return;
    }
    auto dir = registry::Directory::Create(RepoKnowledge(), std::move(records->institutions),
                                           std::move(records->doctors));
    benchmark::DoNotOptimize(dir);
  }
  std::filesystem::remove_all(home);
}
BENCHMARK(BM_LoadDirectory)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// Arg 0: the institution by licence; 1: by its full registered name.
void BM_Qualify(benchmark::State& state) {
  auto dir = Directory100k();
  const registry::Date today{"2026-11-24"};
  const bool by_name = state.range(0) == 1;
  int i = 0;
  for (auto _ : state) {
    const registry::Institution& inst = dir->institutions()[(i++ * 7919) % kInstitutions];
    auto q = dir->Qualify(by_name ? inst.name : inst.licence, "隆胸", today);
    if (!q.ok()) {
      state.SkipWithError(q.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(q->outcome);
  }
  state.SetLabel(by_name ? "by name" : "by licence");
}
BENCHMARK(BM_Qualify)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_NameCores(benchmark::State& state) {
  auto dir = Directory100k();
  for (auto _ : state) {
    auto names = screen::InstitutionNames::Create(RepoKnowledge(), dir);
    if (!names.ok()) {
      state.SkipWithError(names.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(names);
  }
  state.counters["cores"] = dir->name_cores().size();
}
BENCHMARK(BM_NameCores)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
