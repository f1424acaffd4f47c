#include "campaign/offer.h"

#include <algorithm>
#include <array>

#include "core/utf8.h"

namespace jianmei::campaign {
namespace {

constexpr std::array<std::string_view, 9> kCues = {"价", "仅需", "只要", "到手", "优惠", "特惠",
                                                   "秒杀", "团购", "活动"};
constexpr std::array<std::string_view, 5> kUnits = {"元", "块", "万", "w", "rmb"};
constexpr size_t kReach = 8;  // code points between the cue and the number

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The number (>= 2 digits, followed by a unit) starting within `kReach` code points of `pos`,
// or empty.
std::string_view PriceFollowing(std::string_view s, size_t pos) {
  for (size_t cps = 0; pos < s.size() && cps <= kReach; ++cps) {
    if (IsDigit(s[pos])) {
      size_t end = pos;
      while (end < s.size() && (IsDigit(s[end]) || s[end] == '.')) ++end;
      if (end - pos >= 2) {
        for (std::string_view unit : kUnits) {
          if (s.substr(end, unit.size()) == unit) return s.substr(pos, end - pos);
        }
      }
      pos = end;
      continue;
    }
    size_t len;
    utf8::Decode(s, pos, &len);
    pos += len;
  }
  return {};
}

}  // namespace

std::vector<std::string> PriceOffers(std::string_view folded) {
  std::vector<std::pair<size_t, std::string_view>> found;  // (offset, number)
  for (std::string_view cue : kCues) {
    for (size_t at = folded.find(cue); at != std::string_view::npos; at = folded.find(cue, at + 1)) {
      const std::string_view price = PriceFollowing(folded, at + cue.size());
      if (!price.empty()) found.emplace_back(price.data() - folded.data(), price);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (const auto& [offset, price] : found) {
    if (std::find(out.begin(), out.end(), price) == out.end()) out.emplace_back(price);
  }
  return out;
}

}  // namespace jianmei::campaign
