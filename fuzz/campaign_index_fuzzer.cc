// Fuzzes campaign::Index::Load, the deserialiser of saved campaign indexes. Each input is tried
// as is (mostly stopped by the checksum) and with its trailing checksum rewritten, so that the
// structural checks behind it are reached. A loaded index must save back to the same bytes (a
// version-1 file saves as version 2, which must then round-trip), answer a campaign query without
// changing, and accept a new post.
#include <cstddef>
#include <cstdint>
#include <string>

#include "campaign/index.h"
#include "campaign/index_format.h"

namespace {

const std::shared_ptr<const jianmei::text::Normalizer>& Norm() {
  static auto n = *jianmei::text::Normalizer::Create();
  return n;
}

void Try(const std::string& bytes) {
  auto index = jianmei::campaign::Index::Load(bytes, Norm());
  if (!index.ok()) return;
  const std::string saved = (*index)->Save();
  if (saved != bytes) {
    if (bytes.substr(0, 8) == jianmei::campaign::format::kMagic) __builtin_trap();  // older versions re-save as the current one
    auto again = jianmei::campaign::Index::Load(saved, Norm());
    if (!again.ok() || (*again)->Save() != saved) __builtin_trap();
  }
  (*index)->CampaignOf("姐妹们我在虚构丽人医疗美容诊所做了瘦腿针，加微信 meimei2021");
  if ((*index)->Save() != saved) __builtin_trap();
  (*index)->Add("姐妹们我在虚构丽人医疗美容诊所做了瘦腿针，王医生超级温柔，加微信 meimei2021");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 20)) return 0;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  Try(bytes);
  if (bytes.size() >= 16) {
    bytes.resize(bytes.size() - 8);
    const uint64_t sum = jianmei::campaign::format::Checksum(bytes);
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>(sum >> (8 * i)));
    Try(bytes);
  }
  return 0;
}
