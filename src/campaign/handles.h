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

// A handle is identified by kind and value; `written` is how one post wrote it.
struct Handle {
  HandleKind kind;
  std::string value;    // normalised: a WeChat id in lower case with its '_' and '-'; a QQ or
                        //   phone number as digits only; a name folded (simplified, lower case)
  std::string written = {};  // the original text of the match, prefix included ("薇❤：Momo_1")
  friend bool operator==(const Handle& a, const Handle& b) {
    return a.kind == b.kind && a.value == b.value;
  }
  friend auto operator<=>(const Handle& a, const Handle& b) {
    if (auto c = a.kind <=> b.kind; c != 0) return c;
    return a.value <=> b.value;
  }
};

// Handles of the post `original`, whose campaign folding is `text`: sorted and unique (the
// first occurrence's `written` is kept), at most format::kMaxHandlesPerPost (255; the first by
// kind, so contacts before names). Contacts by the grammar of contact_scanner.h on the
// original text; names (documented in doc/campaigns.md) on the folded text:
//   institution: up to 6 Han characters of the same clause before 医疗美容诊所, 医疗美容医院,
//     整形医院, 美容医院, 医美中心, 医美, 诊所, 门诊部 or 医院, cut after a leading
//     在/去/到/是/的/找/家;
//   doctor: a common surname followed by 医生, 院长, 主任 or 博士.
std::vector<Handle> ExtractHandles(std::string_view original, const text::NormalizedText& text);

}  // namespace jianmei::campaign
