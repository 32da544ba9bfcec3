#include "bots/live/order_funding.hpp"

#include <gtest/gtest.h>

namespace bourse::bots {
namespace {

TEST(order_funding, a_flat_bot_sells_short_on_margin_and_buys_spot) {
  order_funding f;
  EXPECT_FALSE(f.place(1, side::buy, 10));
  EXPECT_TRUE(f.place(2, side::sell, 10)); // no shares: a margin short
  f.filled(1, 10);
  EXPECT_EQ(f.spot(), 10);
  EXPECT_FALSE(f.place(3, side::sell, 6)); // now 10 spot shares: spot sell
  EXPECT_TRUE(f.place(4, side::sell, 6));  // only 4 are free
  f.closed(3);
  EXPECT_FALSE(f.place(5, side::sell, 10)); // the cancelled sell freed its 6
}

TEST(order_funding, buys_cover_an_uncovered_short_first) {
  order_funding f;
  EXPECT_TRUE(f.place(1, side::sell, 10));
  f.filled(1, 4);
  EXPECT_EQ(f.short_position(), 4);
  EXPECT_TRUE(f.place(2, side::buy, 4));  // covers the short
  EXPECT_FALSE(f.place(3, side::buy, 1)); // nothing uncovered left: spot
  f.filled(2, 3);
  f.closed(2); // 1 share left uncovered again
  EXPECT_EQ(f.short_position(), 1);
  EXPECT_TRUE(f.place(4, side::buy, 1));
}

} // namespace
} // namespace bourse::bots
