#include "campaign/offer.h"

#include <gtest/gtest.h>

namespace jianmei::campaign {
namespace {

using Prices = std::vector<std::string>;

TEST(PriceOffer, ACueThenANumberAndAUnitIsAnOffer) {
  EXPECT_EQ(PriceOffers("价格2800元想了解的姐妹可以私信"), Prices{"2800"});
  EXPECT_EQ(PriceOffers("玻尿酸没有副作用仅需980元"), Prices{"980"});
  EXPECT_EQ(PriceOffers("活动价只要1.5w"), Prices{"1.5"});  // 活动, 价 and 只要 find one price
  EXPECT_EQ(PriceOffers("到手价3999块原价8000元"), (Prices{"3999", "8000"}));
}

TEST(PriceOffer, NumbersWithoutACueOrAUnitAreNot) {
  EXPECT_TRUE(PriceOffers("江州市市场监管局罚款20万元").empty());  // a fine, no offer cue
  EXPECT_TRUE(PriceOffers("价格问了好几家差别挺大的").empty());    // a cue, no number
  EXPECT_TRUE(PriceOffers("价格是我的1个秘密").empty());            // one digit
  EXPECT_TRUE(PriceOffers("价格好几家都问过了我记得去年是花了3000元").empty());  // too far from the cue
  EXPECT_TRUE(PriceOffers("").empty());
}

}  // namespace
}  // namespace jianmei::campaign
