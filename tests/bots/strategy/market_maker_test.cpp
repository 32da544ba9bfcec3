#include "bots/strategy/market_maker.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "recording_sink.hpp"

namespace bourse::bots {
namespace {

using testing::context_fixture;
using testing::two_sided;

market_maker_params params() {
  market_maker_params p;
  p.gamma = 0.1;
  p.k = 0.2;
  p.sigma = 2.0;
  p.horizon_s = 10;
  p.refresh_s = 1;
  p.qty = 100;
  p.max_inventory = 200;
  return p;
}

TEST(avellaneda_stoikov, flat_inventory_quotes_symmetric_optimal_spread) {
  const auto p = params();
  // spread = 0.1 * 4 * 10 + (2 / 0.1) * ln(1 + 0.5) = 4 + 8.109 = 12.109 cents
  const double spread = 4.0 + 20.0 * std::log(1.5);
  const auto q = avellaneda_stoikov_quotes(p, 10'000.0, 0, p.sigma, 10.0, 1);
  EXPECT_EQ(q.bid, static_cast<cents>(std::floor(10'000.0 - spread / 2)));
  EXPECT_EQ(q.ask, static_cast<cents>(std::ceil(10'000.0 + spread / 2)));
  EXPECT_EQ(q.bid, 9'993);
  EXPECT_EQ(q.ask, 10'007);
}

TEST(avellaneda_stoikov, inventory_shifts_reservation_price_against_it) {
  const auto p = params();
  // r = s - q * gamma * sigma^2 * (T - t) = 10000 - 10 * 4 = 9960
  const auto long_q = avellaneda_stoikov_quotes(p, 10'000.0, 10, p.sigma, 10.0, 1);
  EXPECT_EQ(long_q.bid, 9'953);
  EXPECT_EQ(long_q.ask, 9'967);
  const auto short_q = avellaneda_stoikov_quotes(p, 10'000.0, -10, p.sigma, 10.0, 1);
  EXPECT_EQ(short_q.bid, 10'033);
  // less time left: inventory matters less and the spread narrows
  const auto late = avellaneda_stoikov_quotes(p, 10'000.0, 10, p.sigma, 1.0, 1);
  EXPECT_GT(late.bid, long_q.bid);
  EXPECT_LT(late.ask - late.bid, long_q.ask - long_q.bid);
}

TEST(avellaneda_stoikov, prices_are_on_tick) {
  const auto q = avellaneda_stoikov_quotes(params(), 10'003.0, 3, 2.0, 7.0, 5);
  EXPECT_EQ(q.bid % 5, 0);
  EXPECT_EQ(q.ask % 5, 0);
  EXPECT_LT(q.bid, q.ask);
}

TEST(market_maker, refresh_cancels_and_quotes_levels_with_inventory_skew) {
  auto p = params();
  p.levels = 2;
  p.level_spacing = 3;
  market_maker_strategy mm(p);
  context_fixture f;
  f.ctx.set_top(two_sided(9'999, 10'001));
  mm.on_start(f.ctx);
  EXPECT_EQ(f.ctx.timer_at(), 0); // first refresh at once
  mm.on_timer(f.ctx, 0);
  ASSERT_EQ(f.sink.submitted.size(), 4u);
  EXPECT_EQ(f.sink.submitted[0].price, 9'993);
  EXPECT_EQ(f.sink.submitted[1].price, 10'007);
  EXPECT_EQ(f.sink.submitted[2].price, 9'990);
  EXPECT_EQ(f.sink.submitted[3].price, 10'010);
  EXPECT_EQ(f.ctx.timer_at(), 1'000'000'000);

  f.fill(f.sink.submitted[0], 9'993, 100); // long 100 = half the max inventory
  f.ctx.set_time(1'000'000'000);
  f.sink.submitted.clear();
  mm.on_timer(f.ctx, f.ctx.now());
  EXPECT_EQ(f.sink.cancelled.size(), 3u); // the three quotes still open
  ASSERT_EQ(f.sink.submitted.size(), 4u);
  EXPECT_EQ(f.sink.submitted[0].order_side, side::buy);
  EXPECT_EQ(f.sink.submitted[0].qty, 50);       // bid shrinks with inventory
  EXPECT_EQ(f.sink.submitted[1].qty, 100);      // ask keeps full size
  EXPECT_LT(f.sink.submitted[1].price, 10'007); // reservation price moved down
}

TEST(market_maker, opens_an_empty_book_around_the_fundamental) {
  market_maker_strategy mm(params());
  context_fixture f;
  f.ctx.set_fundamental(std::make_shared<const price_path>(std::vector<price_point>{{0, 10'000}}));
  mm.on_start(f.ctx);
  mm.on_timer(f.ctx, 0);
  ASSERT_EQ(f.sink.submitted.size(), 2u); // the same quotes as around a 9,999 x 10,001 book
  EXPECT_EQ(f.sink.submitted[0].price, 9'993);
  EXPECT_EQ(f.sink.submitted[1].price, 10'007);
}

TEST(market_maker, anchor_weight_pulls_quotes_toward_the_fundamental) {
  auto p = params();
  p.anchor_weight = 0.5;
  market_maker_strategy mm(p);
  context_fixture f;
  f.ctx.set_fundamental(std::make_shared<const price_path>(std::vector<price_point>{{0, 10'100}}));
  f.ctx.set_top(two_sided(9'999, 10'001)); // mid 10,000; halfway to 10,100 is 10,050
  mm.on_start(f.ctx);
  mm.on_timer(f.ctx, 0);
  ASSERT_EQ(f.sink.submitted.size(), 2u);
  EXPECT_EQ(f.sink.submitted[0].price, 10'043);
  EXPECT_EQ(f.sink.submitted[1].price, 10'057);
}

TEST(market_maker, no_bid_at_max_inventory) {
  market_maker_strategy mm(params());
  context_fixture f;
  f.ctx.set_top(two_sided(9'999, 10'001));
  f.ctx.send_limit(side::buy, 10'000, 200);
  f.fill(f.sink.submitted.back(), 10'000, 200);
  f.sink.submitted.clear();
  mm.on_start(f.ctx);
  mm.on_timer(f.ctx, 0);
  ASSERT_EQ(f.sink.submitted.size(), 1u);
  EXPECT_EQ(f.sink.submitted[0].order_side, side::sell);
}

} // namespace
} // namespace bourse::bots
