// The on-disk format of a saved campaign::Index (doc/campaigns.md §Index file): constants and
// the checksum shared by Index::Save, Index::Load and the load fuzzer. Pure functions.
#pragma once

#include <cstdint>
#include <string_view>

namespace jianmei::campaign::format {

inline constexpr std::string_view kMagic{"JMCIDX\0\3", 8};    // written
inline constexpr std::string_view kMagicV2{"JMCIDX\0\2", 8};  // read: no copied_run (0)
inline constexpr std::string_view kMagicV1{"JMCIDX\0\1", 8};  // read: no labels, no copied_run
inline constexpr uint32_t kMaxLabelBytes = 64;
inline constexpr uint32_t kMaxHandleBytes = 256;
inline constexpr uint32_t kMaxHandlesPerPost = 255;

// FNV-1a 64 of bytes; the file ends with this value over everything before it.
uint64_t Checksum(std::string_view bytes);

}  // namespace jianmei::campaign::format
