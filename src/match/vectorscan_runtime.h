// The Vectorscan runtime jianmei scans with.
//
// Debian 12's libvectorscan5 (5.4.9) carries one runtime per instruction set and hs_scan picks the
// AVX-512 one on a CPU that has it. On such a CPU (an AMD EPYC with AVX-512, 2026-11-25) that
// runtime's matches depend on the bytes after the end of the scanned text and differ from the
// AVX2 runtime's: in 22-25 of the 2,000 texts of the scanner test that checks start finding
// against Vectorscan's own start tracking, which failed in 17 of 30 runs. Upstream has since
// fixed AVX-512 tail bugs of this kind (VectorCamp/vectorscan pull requests 375 and 378, 2026).
// So where the library exports its AVX2 runtime (avx2_hs_scan) and the CPU can run it, jianmei
// scans with that runtime and compiles its databases without AVX-512 features; anywhere else it
// uses hs_scan and the host's features, as Vectorscan chooses.
#pragma once

#include <hs/hs.h>

namespace jianmei::match {

using ScanFunction = hs_error_t (*)(const hs_database_t* db, const char* data, unsigned length,
                                    unsigned flags, hs_scratch_t* scratch,
                                    match_event_handler on_event, void* context);

struct VectorscanRuntime {
  const char* name;                    // "avx2", or "default" for hs_scan's own choice
  ScanFunction scan;                   // hs_scan's signature and contract
  const hs_platform_info_t* platform;  // for hs_compile*; null: the host's features
};

// Chosen once per process.
const VectorscanRuntime& Runtime();

}  // namespace jianmei::match
