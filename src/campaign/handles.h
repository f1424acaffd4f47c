// Contact handles and named parties found in a normalised post: WeChat ids, QQ numbers, mobile
// numbers (exact keys that link posts), and clinic and doctor names (reported and scored, not
// used as links since copies often change them). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalized_text.h"
#include "text/normalizer.h"

namespace jianmei::campaign {

// How campaign code folds posts: repeats are kept (handle prefixes such as 扣扣 repeat a
// character) and no pinyin is needed.
inline constexpr text::NormalizeOptions kCampaignFolding{.collapse_repeats = false, .pinyin = false};

enum class HandleKind : uint8_t { kWechat = 0, kQq = 1, kPhone = 2, kInstitution = 3, kDoctor = 4 };
inline constexpr int kHandleKinds = 5;

// "wechat", "qq", "phone", "institution", "doctor".
const char* HandleKindName(HandleKind kind);
// Whether handles of this kind identify one party exactly (and so link posts).
inline bool IsContactKind(HandleKind kind) { return kind <= HandleKind::kPhone; }

struct Handle {
  HandleKind kind;
  std::string value;  // folded form: lower case, simplified, no separators
  friend bool operator==(const Handle&, const Handle&) = default;
  friend auto operator<=>(const Handle&, const Handle&) = default;
};

// Handles in `text`, sorted and unique, at most format::kMaxHandlesPerPost (255; the first by
// kind, so contacts before names). Heuristics (documented in doc/campaigns.md):
//   phone: 1[3-9] + 9 digits, not inside a longer digit run;
//   qq: qq/扣扣/企鹅 (+号) then 5–11 digits;
//   wechat: 微信/薇信/威信/v信/vx/wx/weixin/加v/加微 (+号) then a letter and 5–19 of [a-z0-9_-];
//   institution: up to 6 Han characters of the same clause before 医疗美容诊所, 医疗美容医院,
//     整形医院, 美容医院, 医美中心, 医美, 诊所, 门诊部 or 医院, cut after a leading
//     在/去/到/是/的/找/家;
//   doctor: a common surname followed by 医生, 院长, 主任 or 博士.
std::vector<Handle> ExtractHandles(const text::NormalizedText& text);

}  // namespace jianmei::campaign
