#include "bots/strategy/risk_manager.hpp"

#include <gtest/gtest.h>

namespace bourse::bots {
namespace {

order_request order(side s, quantity qty, order_type type = order_type::limit) {
  order_request r;
  r.order_side = s;
  r.type = type;
  r.price = type == order_type::limit ? 100 : 0;
  r.qty = qty;
  return r;
}

risk_inputs at(timestamp_ns now, quantity position = 0) {
  return {now, position, 0, 0, {99, 10, 101, 10}};
}

TEST(risk_manager, no_limits_allows_everything) {
  risk_manager risk({});
  EXPECT_EQ(risk.check(order(side::buy, 1'000'000, order_type::market), at(0)), reason_code::none);
}

TEST(risk_manager, max_order_size) {
  risk_manager risk({.max_order_qty = 50});
  EXPECT_EQ(risk.check(order(side::buy, 50), at(0)), reason_code::none);
  EXPECT_EQ(risk.check(order(side::buy, 51), at(0)), reason_code::quantity_above_max);
  EXPECT_EQ(risk.refused(), 1u);
}

TEST(risk_manager, max_position_counts_open_orders_and_allows_reducing) {
  risk_manager risk({.max_position = 100});
  risk_inputs in = at(0, 60);
  in.open_buy_qty = 30;
  EXPECT_EQ(risk.check(order(side::buy, 10), in), reason_code::none);
  EXPECT_EQ(risk.check(order(side::buy, 11), in), reason_code::max_position_exceeded);
  EXPECT_EQ(risk.check(order(side::sell, 160), in), reason_code::none); // to -100
  EXPECT_EQ(risk.check(order(side::sell, 161), in), reason_code::max_position_exceeded);
  EXPECT_EQ(risk.check(order(side::sell, 50), at(0, 150)), reason_code::none); // over the limit: reducing ok
}

TEST(risk_manager, kill_switch_is_permanent) {
  risk_manager risk({.max_loss = 1'000});
  risk.on_pnl(-999, 0);
  EXPECT_EQ(risk.check(order(side::buy, 1), at(0)), reason_code::none);
  risk.on_pnl(-1'000, 1);
  EXPECT_TRUE(risk.killed());
  risk.on_pnl(5'000, 1'000'000'000'000);
  EXPECT_EQ(risk.check(order(side::sell, 1), at(1)), reason_code::max_loss_exceeded);
}

TEST(risk_manager, a_loss_window_measures_each_window_from_its_start_and_rearms_at_the_next) {
  risk_manager risk({.max_loss = 1'000, .loss_window_ns = 100});
  risk.on_pnl(-500, 150); // window [100, 200) starts at -500
  risk.on_pnl(-1'400, 160);
  EXPECT_FALSE(risk.killed());
  risk.on_pnl(-1'500, 170);
  EXPECT_TRUE(risk.killed());
  risk.on_pnl(0, 199); // a recovery inside the window does not re-arm it
  EXPECT_EQ(risk.check(order(side::buy, 1), at(199)), reason_code::max_loss_exceeded);
  risk.on_pnl(-2'000, 200); // next window: trading again, measured from -2,000
  EXPECT_FALSE(risk.killed());
  EXPECT_EQ(risk.check(order(side::buy, 1), at(200)), reason_code::none);
  risk.on_pnl(-2'999, 250);
  EXPECT_FALSE(risk.killed());
  risk.on_pnl(-3'000, 260);
  EXPECT_TRUE(risk.killed());
}

TEST(risk_manager, losing_streak_starts_cooldown_and_a_win_resets_the_count) {
  risk_manager risk({.max_losing_streak = 3, .cooldown_ns = 1'000});
  risk.on_closed_trade(-1, 10);
  risk.on_closed_trade(-1, 20);
  risk.on_closed_trade(5, 30); // win resets
  risk.on_closed_trade(-1, 40);
  risk.on_closed_trade(-1, 50);
  EXPECT_EQ(risk.check(order(side::buy, 1), at(60)), reason_code::none);
  risk.on_closed_trade(-1, 100); // third loss in a row
  EXPECT_EQ(risk.cooldown_until(), 1'100);
  EXPECT_EQ(risk.check(order(side::buy, 1), at(1'099)), reason_code::loss_cooldown);
  EXPECT_EQ(risk.check(order(side::buy, 1), at(1'100)), reason_code::none);
}

TEST(risk_manager, spread_filter_applies_to_market_orders_only) {
  risk_manager risk({.max_spread_for_market = 2});
  risk_inputs wide = at(0);
  wide.top = {99, 10, 102, 10};
  EXPECT_EQ(risk.check(order(side::buy, 1, order_type::market), at(0)), reason_code::none);
  EXPECT_EQ(risk.check(order(side::buy, 1, order_type::market), wide), reason_code::spread_too_wide);
  EXPECT_EQ(risk.check(order(side::buy, 1), wide), reason_code::none);
  risk_inputs one_sided = at(0);
  one_sided.top.ask_qty = 0;
  EXPECT_EQ(risk.check(order(side::sell, 1, order_type::market), one_sided), reason_code::spread_too_wide);
}

TEST(risk_manager, order_rate_limit_sliding_window) {
  risk_manager risk({.max_orders_per_window = 2, .rate_window_ns = 100});
  EXPECT_EQ(risk.check(order(side::buy, 1), at(0)), reason_code::none);
  EXPECT_EQ(risk.check(order(side::buy, 1), at(50)), reason_code::none);
  EXPECT_EQ(risk.check(order(side::buy, 1), at(99)), reason_code::rate_limited);
  EXPECT_EQ(risk.check(order(side::buy, 1), at(100)), reason_code::none); // the order at 0 left the window
  EXPECT_EQ(risk.check(order(side::buy, 1), at(120)), reason_code::rate_limited);
}

} // namespace
} // namespace bourse::bots
