// Whether a post states a price offer: a price cue (价, 仅需, 只要, 到手, 优惠, 特惠, 秒杀, 团购,
// 活动价) followed within 8 characters by a number of at least two digits and a currency unit
// (元, 块, 万, w, rmb). A fine in a news report ("罚款20万元") is not an offer: 罚 is no cue.
// A price offer shared by several posts of a cluster is one of the signs that it promotes a
// service (campaign kind). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jianmei::campaign {

// The offered prices in `folded` (text folded by kCampaignFolding: ASCII digits, lower case,
// no punctuation), as written ("2800", "1.5"), in text order, distinct.
std::vector<std::string> PriceOffers(std::string_view folded);

}  // namespace jianmei::campaign
