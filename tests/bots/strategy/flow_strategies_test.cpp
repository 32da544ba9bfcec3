#include "bots/strategy/noise_trader.hpp"
#include "bots/strategy/value_trader.hpp"
#include "bots/strategy/whale.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "recording_sink.hpp"

namespace bourse::bots {
namespace {

using testing::context_fixture;
using testing::two_sided;

constexpr timestamp_ns second = 1'000'000'000;

/// Runs `strat` through `arrivals` timer calls and returns what it sent.
std::vector<order_request> drive_timers(strategy& strat, context_fixture& f, int arrivals) {
  strat.on_start(f.ctx);
  for (int i = 0; i < arrivals; ++i) {
    const auto at = f.ctx.timer_at();
    EXPECT_GE(at, f.ctx.now());
    f.ctx.set_time(at);
    f.ctx.clear_timer();
    strat.on_timer(f.ctx, at);
  }
  return f.sink.submitted;
}

TEST(noise_trader, seeded_poisson_stream_is_reproducible_and_within_bounds) {
  const noise_trader_params p{.rate_per_s = 2, .min_qty = 5, .max_qty = 9, .market_prob = 0.5, .seed = 42};
  context_fixture a, b, c;
  for (auto* f : {&a, &b, &c})
    f->ctx.set_top(two_sided(9'999, 10'001));
  noise_trader_strategy first(p), same(p), other({.rate_per_s = 2, .min_qty = 5, .max_qty = 9, .seed = 43});
  const auto orders = drive_timers(first, a, 200);
  const auto again = drive_timers(same, b, 200);
  const auto different = drive_timers(other, c, 200);
  ASSERT_EQ(orders.size(), again.size());
  std::size_t markets = 0;
  for (std::size_t i = 0; i < orders.size(); ++i) {
    EXPECT_EQ(orders[i].qty, again[i].qty);
    EXPECT_EQ(orders[i].price, again[i].price);
    EXPECT_GE(orders[i].qty, 5);
    EXPECT_LE(orders[i].qty, 9);
    markets += orders[i].type == order_type::market ? 1 : 0;
    if (orders[i].type == order_type::limit) {
      EXPECT_TRUE(orders[i].order_side == side::buy ? orders[i].price <= 10'000 : orders[i].price >= 10'001);
    }
  }
  EXPECT_GT(markets, 60u);
  EXPECT_LT(markets, 140u);
  EXPECT_NE(a.ctx.now(), c.ctx.now()); // other seed, other arrival times
  // 200 exponential gaps at 2/s: mean gap 0.5 s, so about 100 s in all
  EXPECT_GT(a.ctx.now(), 70 * second);
  EXPECT_LT(a.ctx.now(), 130 * second);
  (void)different;
}

TEST(noise_trader, cancels_limits_after_their_lifetime) {
  noise_trader_strategy noise({.rate_per_s = 1, .market_prob = 0, .lifetime_s = 1e-9, .seed = 3});
  context_fixture f;
  f.ctx.set_top(two_sided(9'999, 10'001));
  drive_timers(noise, f, 3);
  EXPECT_EQ(f.sink.cancelled.size(), 2u); // each arrival cancels the one before
}

TEST(noise_trader, price_moves_excite_the_arrival_intensity_which_decays_and_is_capped) {
  noise_trader_strategy noise(
      {.rate_per_s = 0.5, .seed = 3, .hawkes_alpha = 0.01, .hawkes_decay_s = 100, .max_rate_mult = 4});
  context_fixture f;
  noise.on_start(f.ctx);
  noise.on_trade(f.ctx, {0, 10'000, 1, side::buy});
  EXPECT_DOUBLE_EQ(noise.intensity(0), 0.5); // a first trade has no move
  noise.on_trade(f.ctx, {0, 10'000, 1, side::buy});
  EXPECT_DOUBLE_EQ(noise.intensity(0), 0.5);         // nor does an unchanged price
  noise.on_trade(f.ctx, {0, 10'100, 1, side::sell}); // +99.5 bps
  EXPECT_NEAR(noise.intensity(0), 0.5 + 0.01 * 99.5, 1e-3);
  EXPECT_NEAR(noise.intensity(100 * second), 0.5 + 0.995 / std::exp(1.0), 1e-3); // one time constant
  for (int i = 0; i < 10; ++i)
    noise.on_trade(f.ctx, {0, i % 2 == 0 ? 10'000 : 10'100, 1, side::buy});
  EXPECT_DOUBLE_EQ(noise.intensity(0), 2.0); // capped at 4 × 0.5
  EXPECT_LT(f.ctx.timer_at(), 60 * second);  // the next arrival was redrawn at the high intensity
}

TEST(whale, twap_slices_parent_with_ioc_at_the_opposite_best) {
  whale_strategy whale({.parent_qty = 1'000, .slices = 4, .interval_s = 10, .sweep_prob = 0, .seed = 5});
  context_fixture f;
  f.ctx.set_top(two_sided(9'999, 10'001));
  const auto orders = drive_timers(whale, f, 2);
  ASSERT_EQ(orders.size(), 2u);
  const side s = whale.parent_side();
  for (const auto& o : orders) {
    EXPECT_EQ(o.qty, 250);
    EXPECT_EQ(o.order_side, s);
    EXPECT_EQ(o.tif, time_in_force::ioc);
    EXPECT_EQ(o.price, s == side::buy ? 10'001 : 9'999);
  }
  for (const auto& o : orders) {
    const fill_report fill{f.ctx.now(), o.client_ref, s, o.price, o.qty, 0, 0, false};
    f.ctx.on_fill(fill);
    whale.on_fill(f.ctx, fill);
  }
  EXPECT_EQ(whale.parent_remaining(), 500);
  whale.on_fill(f.ctx, {f.ctx.now(), orders[0].client_ref, s, 10'000, 500, 0, 0, false});
  EXPECT_EQ(whale.parent_remaining(), 0);
  EXPECT_EQ(f.ctx.timer_at(), f.ctx.now() + 600 * second); // pause before the next parent
}

TEST(whale, a_parent_refused_for_the_position_limit_ends_and_the_whale_pauses) {
  context_fixture f({.max_position = 100});
  whale_strategy whale({.parent_qty = 1'000, .slices = 4, .interval_s = 10, .sweep_prob = 0, .seed = 5});
  f.ctx.set_top(two_sided(9'999, 10'001));
  const auto orders = drive_timers(whale, f, 1); // a 250-share child breaks the 100-share limit
  EXPECT_TRUE(orders.empty());
  EXPECT_EQ(whale.parent_remaining(), 0);
  EXPECT_EQ(f.ctx.timer_at(), f.ctx.now() + 600 * second); // no retry every interval: the pause
}

TEST(whale, iceberg_shows_one_slice_of_the_parent) {
  whale_strategy whale({.parent_qty = 1'000, .slices = 10, .iceberg = true, .sweep_prob = 0, .seed = 5});
  context_fixture f;
  f.ctx.set_top(two_sided(9'999, 10'001));
  const auto orders = drive_timers(whale, f, 3);
  ASSERT_EQ(orders.size(), 1u); // the iceberg stays while it is open
  EXPECT_EQ(orders[0].qty, 1'000);
  EXPECT_EQ(orders[0].display_qty, 100);
  EXPECT_EQ(orders[0].price, whale.parent_side() == side::buy ? 9'999 : 10'001);
}

TEST(whale, sweeps_with_a_market_order) {
  whale_strategy whale({.parent_qty = 1'000, .slices = 10, .sweep_prob = 1, .sweep_mult = 3, .seed = 5});
  context_fixture f;
  f.ctx.set_top(two_sided(9'999, 10'001));
  const auto orders = drive_timers(whale, f, 1);
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].type, order_type::market);
  EXPECT_EQ(orders[0].qty, 300);
}

TEST(value_trader, trades_toward_the_fundamental_only_beyond_the_threshold) {
  auto path =
      std::make_shared<const price_path>(std::vector<price_point>{{0, 10'000}, {100 * second, 12'000}});
  value_trader_strategy value(
      {.noise_bps = 0, .threshold_bps = 100, .qty = 10, .max_position = 20, .interval_s = 10}, path);
  context_fixture f;
  f.ctx.set_top(two_sided(9'950, 9'960)); // within 1 % of 10,000: nothing
  value.on_start(f.ctx);
  value.on_timer(f.ctx, 0);
  EXPECT_TRUE(f.sink.submitted.empty());
  f.ctx.set_top(two_sided(10'200, 10'210)); // 2 % rich: sell at the bid
  value.on_timer(f.ctx, 10 * second);
  ASSERT_EQ(f.sink.submitted.size(), 1u);
  EXPECT_EQ(f.sink.submitted[0].order_side, side::sell);
  EXPECT_EQ(f.sink.submitted[0].price, 10'200);
  f.ctx.on_order_closed(f.sink.submitted[0].client_ref);
  f.ctx.set_time(100 * second); // fundamental steps to 12,000: the same book is now cheap
  value.on_timer(f.ctx, 100 * second);
  ASSERT_EQ(f.sink.submitted.size(), 2u);
  EXPECT_EQ(f.sink.submitted[1].order_side, side::buy);
  EXPECT_EQ(f.sink.submitted[1].price, 10'210);
}

TEST(value_trader, respects_its_max_position) {
  auto path = std::make_shared<const price_path>(std::vector<price_point>{{0, 20'000}});
  value_trader_strategy value({.noise_bps = 0, .threshold_bps = 10, .qty = 10, .max_position = 10}, path);
  context_fixture f;
  f.ctx.set_top(two_sided(9'999, 10'001));
  value.on_timer(f.ctx, 0);
  value.on_timer(f.ctx, 1);
  EXPECT_EQ(f.sink.submitted.size(), 1u); // the first order is still open: 10 planned = max
}

TEST(value_trader, takes_the_one_side_a_thin_book_offers) {
  auto path = std::make_shared<const price_path>(std::vector<price_point>{{0, 10'000}});
  value_trader_strategy value({.noise_bps = 0, .threshold_bps = 100, .qty = 10, .max_position = 100}, path);
  context_fixture f;
  value.on_timer(f.ctx, 0); // empty book: nothing to trade against
  EXPECT_TRUE(f.sink.submitted.empty());
  f.ctx.set_top({0, 0, 9'500, 40}); // only a cheap ask
  value.on_timer(f.ctx, 1);
  ASSERT_EQ(f.sink.submitted.size(), 1u);
  EXPECT_EQ(f.sink.submitted[0].order_side, side::buy);
  EXPECT_EQ(f.sink.submitted[0].price, 9'500);
}

TEST(noise_trader, opens_an_empty_book_around_the_reference_price) {
  instrument rules;
  rules.reference_price = 10'000;
  testing::recording_sink sink;
  strategy_context ctx(rules, 7, 10'000'000, {}, sink);
  noise_trader_strategy noise({.rate_per_s = 1, .market_prob = 0, .max_offset_ticks = 3, .seed = 9});
  noise.on_start(ctx);
  for (int i = 0; i < 20; ++i) {
    const auto at = ctx.timer_at();
    ctx.set_time(at);
    ctx.clear_timer();
    noise.on_timer(ctx, at);
  }
  ASSERT_EQ(sink.submitted.size(), 20u);
  for (const auto& o : sink.submitted)
    EXPECT_TRUE(o.order_side == side::buy ? o.price >= 9'997 && o.price <= 10'000
                                          : o.price >= 10'001 && o.price <= 10'004);
}

} // namespace
} // namespace bourse::bots
