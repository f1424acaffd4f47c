#include "match/vectorscan_runtime.h"

#include <dlfcn.h>

namespace jianmei::match {
namespace {

VectorscanRuntime Choose() {
  static hs_platform_info_t avx2_platform;
  const VectorscanRuntime fallback{"default", &hs_scan, nullptr};
  __builtin_cpu_init();  // may run before the constructor that would initialise it
  // The AVX2 runtime is built for Haswell and later, which have BMI2 as well.
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("bmi2")) return fallback;
  void* avx2_scan = dlsym(RTLD_DEFAULT, "avx2_hs_scan");
  if (avx2_scan == nullptr || hs_populate_platform(&avx2_platform) != HS_SUCCESS) return fallback;
  avx2_platform.cpu_features &= ~(HS_CPU_FEATURES_AVX512 | HS_CPU_FEATURES_AVX512VBMI);
  return {"avx2", reinterpret_cast<ScanFunction>(avx2_scan), &avx2_platform};
}

}  // namespace

const VectorscanRuntime& Runtime() {
  static const VectorscanRuntime runtime = Choose();
  return runtime;
}

}  // namespace jianmei::match
