#include "bots/strategy/strategy_context.hpp"

#include <gtest/gtest.h>

#include "recording_sink.hpp"

namespace bourse::bots {
namespace {

using testing::context_fixture;
using testing::two_sided;

TEST(strategy_context, send_stamps_owner_and_client_ref_and_tracks_open_orders) {
  context_fixture f;
  const auto first = f.ctx.send_limit(side::buy, 100, 10);
  const auto second = f.ctx.send_market(side::sell, 5);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_NE(first.client_ref, second.client_ref);
  ASSERT_EQ(f.sink.submitted.size(), 2u);
  EXPECT_EQ(f.sink.submitted[0].owner, 7u);
  EXPECT_EQ(f.sink.submitted[1].type, order_type::market);
  EXPECT_EQ(f.sink.submitted[1].tif, time_in_force::ioc);
  EXPECT_EQ(f.ctx.open_qty(side::buy), 10);
  EXPECT_EQ(f.ctx.open_qty(side::sell), 5);
  f.ctx.on_order_closed(second.client_ref);
  EXPECT_EQ(f.ctx.open_orders().size(), 1u);
}

TEST(strategy_context, risk_refusal_never_reaches_the_sink) {
  context_fixture f({.max_order_qty = 5});
  const auto ticket = f.ctx.send_limit(side::buy, 100, 6);
  EXPECT_EQ(ticket.reason, reason_code::quantity_above_max);
  EXPECT_TRUE(f.sink.submitted.empty());
  EXPECT_TRUE(f.ctx.open_orders().empty());
}

TEST(strategy_context, fills_move_position_cash_and_open_quantity) {
  context_fixture f;
  f.ctx.send_limit(side::buy, 100, 10);
  const auto order = f.sink.submitted.back();
  f.fill(order, 100, 4);
  EXPECT_EQ(f.ctx.position(), 4);
  EXPECT_EQ(f.ctx.cash(), 10'000'000 - 400);
  EXPECT_EQ(f.ctx.open_qty(side::buy), 6);
  f.fill(order, 100, 10); // remaining 0 closes the order
  EXPECT_TRUE(f.ctx.open_orders().empty());
}

TEST(strategy_context, kill_switch_cancels_every_open_order_once) {
  context_fixture f({.max_loss = 500});
  f.ctx.set_top(two_sided(99, 101));
  f.ctx.send_limit(side::buy, 100, 10);
  f.fill(f.sink.submitted.back(), 100, 10);
  f.ctx.send_limit(side::buy, 90, 1);
  f.ctx.send_limit(side::sell, 120, 1);
  f.ctx.set_top(two_sided(49, 51)); // mark 50: P&L -500
  EXPECT_TRUE(f.ctx.risk().killed());
  EXPECT_EQ(f.sink.cancelled.size(), 2u);
  f.ctx.set_top(two_sided(39, 41));
  EXPECT_EQ(f.sink.cancelled.size(), 2u);
  EXPECT_EQ(f.ctx.send_limit(side::sell, 40, 10).reason, reason_code::max_loss_exceeded);
}

TEST(strategy_context, losing_closes_start_cooldown) {
  context_fixture f({.max_losing_streak = 2, .cooldown_ns = 1'000});
  for (int i = 0; i < 2; ++i) {
    f.ctx.send_limit(side::buy, 100, 1);
    f.fill(f.sink.submitted.back(), 100, 1);
    f.ctx.send_limit(side::sell, 90, 1);
    f.fill(f.sink.submitted.back(), 90, 1);
  }
  EXPECT_EQ(f.ctx.send_limit(side::buy, 100, 1).reason, reason_code::loss_cooldown);
  f.ctx.set_time(1'000);
  EXPECT_TRUE(f.ctx.send_limit(side::buy, 100, 1).ok());
}

TEST(strategy_context, a_refused_order_is_reported_to_the_sink_and_never_sent) {
  testing::context_fixture f({.max_order_qty = 5});
  const auto ticket = f.ctx.send_limit(side::buy, 9'900, 10);
  EXPECT_EQ(ticket.reason, reason_code::quantity_above_max);
  EXPECT_TRUE(f.sink.submitted.empty());
  ASSERT_EQ(f.sink.refusals.size(), 1u);
  EXPECT_EQ(f.sink.refusals[0].first.qty, 10);
  EXPECT_EQ(f.sink.refusals[0].first.price, 9'900);
  EXPECT_EQ(f.sink.refusals[0].second, reason_code::quantity_above_max);
  EXPECT_TRUE(f.ctx.send_limit(side::buy, 9'900, 5).ok());
  EXPECT_EQ(f.sink.refusals.size(), 1u);
}

TEST(strategy_context, quote_anchor_falls_back_to_last_trade_then_fundamental_then_reference) {
  instrument rules;
  rules.reference_price = 5'000;
  testing::recording_sink sink;
  strategy_context ctx(rules, 7, 10'000'000, {}, sink);
  EXPECT_EQ(ctx.quote_anchor(), 5'000); // empty book, no path: the listing's reference price
  constexpr timestamp_ns day = 86'400'000'000'000;
  ctx.set_fundamental(
      {std::make_shared<const price_path>(std::vector<price_point>{{0, 8'000}, {3 * day, 9'000}}),
       game_clock{0, 30, 0}});  // 30 s of game per historical day
  ctx.set_time(60'000'000'000); // 2 days of history
  EXPECT_EQ(ctx.quote_anchor(), 8'000);
  ctx.set_time(90'000'000'000); // 3 days
  EXPECT_EQ(ctx.quote_anchor(), 9'000);
  ctx.set_top({9'400, 10, 0, 0}); // one-sided, never traded: the fundamental
  EXPECT_EQ(ctx.quote_anchor(), 9'000);
  ctx.set_last_price(9'500); // one-sided after trades: where the market last traded
  EXPECT_EQ(ctx.quote_anchor(), 9'500);
  ctx.set_top({});
  EXPECT_EQ(ctx.quote_anchor(), 9'500); // emptied: still the last trade
  EXPECT_EQ(ctx.mark(), 9'500);         // P&L marks stay on the last trade
  ctx.set_top(testing::two_sided(9'400, 9'600));
  EXPECT_EQ(ctx.quote_anchor(), 9'500);
}

TEST(strategy_context, quote_anchor_uses_the_last_trade_without_fundamental_or_reference) {
  testing::context_fixture f;
  EXPECT_EQ(f.ctx.quote_anchor(), 0);
  f.ctx.set_last_price(4'200);
  EXPECT_EQ(f.ctx.quote_anchor(), 4'200);
}

} // namespace
} // namespace bourse::bots
