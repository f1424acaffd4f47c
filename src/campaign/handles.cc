#include "campaign/handles.h"

#include <algorithm>
#include <array>

#include "campaign/contact_scanner.h"
#include "campaign/index_format.h"
#include "core/utf8.h"

namespace jianmei::campaign {
namespace {

bool IsHan(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

// Longest first so that 医疗美容诊所 wins over 诊所.
constexpr std::array<std::string_view, 9> kInstitutionSuffixes = {
    "医疗美容诊所", "医疗美容医院", "整形医院", "美容医院", "医美中心", "门诊部", "医美", "诊所", "医院"};
constexpr std::array<std::string_view, 4> kDoctorTitles = {"医生", "院长", "主任", "博士"};
constexpr std::u32string_view kSurnames =
    U"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    U"卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
constexpr std::u32string_view kCutAfter = U"在去到是的找家了";

// Code points of s[begin, end) with their byte offsets.
void Decode(std::string_view s, std::vector<char32_t>* cps, std::vector<uint32_t>* offs) {
  for (size_t pos = 0; pos < s.size();) {
    size_t len;
    cps->push_back(utf8::Decode(s, pos, &len));
    offs->push_back(static_cast<uint32_t>(pos));
    pos += len;
  }
  offs->push_back(static_cast<uint32_t>(s.size()));
}

void FindNames(const text::NormalizedText& t, std::vector<Handle>* out) {
  const std::string& s = t.folded;
  std::vector<char32_t> cps;
  std::vector<uint32_t> offs;
  Decode(s, &cps, &offs);
  for (size_t ci = 0; ci < cps.size(); ++ci) {
    const std::string_view rest = std::string_view(s).substr(offs[ci]);
    bool matched = false;
    for (std::string_view suffix : kInstitutionSuffixes) {
      if (!rest.starts_with(suffix)) continue;
      const int clause = t.ClauseIndex(offs[ci]);
      size_t b = ci;
      while (b > 0 && ci - b < 6 && IsHan(cps[b - 1]) && t.ClauseIndex(offs[b - 1]) == clause) --b;
      for (size_t k = ci; k > b; --k) {
        if (kCutAfter.find(cps[k - 1]) != std::u32string_view::npos) {
          b = k;
          break;
        }
      }
      if (ci - b >= 2) {
        out->push_back({HandleKind::kInstitution,
                        std::string(s.substr(offs[b], offs[ci] - offs[b])) + std::string(suffix)});
        out->back().written = out->back().value;
      }
      ci += suffix.size() / 3 - 1;  // every suffix is Han: 3 bytes per code point
      matched = true;
      break;
    }
    if (matched) continue;
    if (kSurnames.find(cps[ci]) == std::u32string_view::npos || ci + 1 >= cps.size()) continue;
    const std::string_view after = std::string_view(s).substr(offs[ci + 1]);
    for (std::string_view title : kDoctorTitles) {
      if (after.starts_with(title)) {
        out->push_back({HandleKind::kDoctor,
                        std::string(s.substr(offs[ci], offs[ci + 1] - offs[ci])) + std::string(title)});
        out->back().written = out->back().value;
      }
    }
  }
}

}  // namespace

const char* HandleKindName(HandleKind kind) {
  switch (kind) {
    case HandleKind::kWechat: return "wechat";
    case HandleKind::kQq: return "qq";
    case HandleKind::kPhone: return "phone";
    case HandleKind::kInstitution: return "institution";
    case HandleKind::kDoctor: return "doctor";
  }
  return "unknown";
}

std::vector<Handle> ExtractHandles(std::string_view original, const text::NormalizedText& text) {
  std::vector<Handle> out;
  FindContacts(original, &out);
  FindNames(text, &out);
  std::stable_sort(out.begin(), out.end());  // equal handles keep the first `written`
  out.erase(std::unique(out.begin(), out.end()), out.end());
  // The index file counts a post's handles in one byte; contacts sort first and are kept.
  if (out.size() > format::kMaxHandlesPerPost) out.resize(format::kMaxHandlesPerPost);
  return out;
}

}  // namespace jianmei::campaign
