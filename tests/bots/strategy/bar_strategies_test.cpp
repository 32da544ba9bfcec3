#include "bots/strategy/mean_reversion.hpp"
#include "bots/strategy/momentum.hpp"

#include <gtest/gtest.h>

#include "recording_sink.hpp"

namespace bourse::bots {
namespace {

using testing::context_fixture;

bar close_at(cents close) {
  return {0, close, close, close, close, 1};
}

TEST(momentum, buys_on_golden_cross_and_exits_on_death_cross) {
  momentum_strategy momentum({.fast = 2, .slow = 4, .qty = 10});
  context_fixture f;
  for (cents c : {100, 100, 100})
    momentum.on_bar(f.ctx, close_at(c));
  EXPECT_TRUE(f.sink.submitted.empty()); // slow window not full yet
  momentum.on_bar(f.ctx, close_at(100));
  EXPECT_TRUE(f.sink.submitted.empty()); // averages equal: no signal
  momentum.on_bar(f.ctx, close_at(110)); // fast 105 > slow 102.5
  ASSERT_EQ(f.sink.submitted.size(), 1u);
  EXPECT_EQ(f.sink.submitted[0].order_side, side::buy);
  EXPECT_EQ(f.sink.submitted[0].type, order_type::market);
  EXPECT_EQ(f.sink.submitted[0].qty, 10);
  f.fill(f.sink.submitted[0], 110, 10);
  momentum.on_bar(f.ctx, close_at(112)); // still above: hold
  EXPECT_EQ(f.sink.submitted.size(), 1u);
  momentum.on_bar(f.ctx, close_at(90)); // fast 101 < slow 103
  ASSERT_EQ(f.sink.submitted.size(), 2u);
  EXPECT_EQ(f.sink.submitted[1].order_side, side::sell);
  EXPECT_EQ(f.sink.submitted[1].qty, 10); // to flat, not short
}

TEST(momentum, short_side_when_allowed_and_no_duplicate_while_order_pending) {
  momentum_strategy momentum({.fast = 1, .slow = 2, .qty = 5, .allow_short = true});
  context_fixture f;
  momentum.on_bar(f.ctx, close_at(100));
  momentum.on_bar(f.ctx, close_at(90));
  ASSERT_EQ(f.sink.submitted.size(), 1u);
  EXPECT_EQ(f.sink.submitted[0].order_side, side::sell);
  momentum.on_bar(f.ctx, close_at(80)); // order still open: nothing more
  EXPECT_EQ(f.sink.submitted.size(), 1u);
}

TEST(mean_reversion, buys_deep_below_mean_and_flattens_near_it) {
  mean_reversion_strategy mr({.lookback = 5, .entry_z = 1.5, .exit_z = 0.5, .qty = 7});
  context_fixture f;
  for (cents c : {100, 102, 98, 101, 99})
    mr.on_bar(f.ctx, close_at(c));
  EXPECT_TRUE(f.sink.submitted.empty()); // z of 99 is small
  mr.on_bar(f.ctx, close_at(80));        // far below the mean
  ASSERT_EQ(f.sink.submitted.size(), 1u);
  EXPECT_EQ(f.sink.submitted[0].order_side, side::buy);
  EXPECT_EQ(f.sink.submitted[0].qty, 7);
  f.fill(f.sink.submitted[0], 80, 7);
  for (cents c : {95, 96})
    mr.on_bar(f.ctx, close_at(c));
  ASSERT_EQ(f.sink.submitted.size(), 2u); // 95 sits near the mean: back to flat, once
  EXPECT_EQ(f.sink.submitted[1].order_side, side::sell);
  EXPECT_EQ(f.sink.submitted[1].qty, 7);
}

TEST(mean_reversion, shorts_spikes_up) {
  mean_reversion_strategy mr({.lookback = 4, .entry_z = 1.5, .exit_z = 0.2, .qty = 3});
  context_fixture f;
  for (cents c : {100, 101, 99, 130})
    mr.on_bar(f.ctx, close_at(c));
  ASSERT_EQ(f.sink.submitted.size(), 1u);
  EXPECT_EQ(f.sink.submitted[0].order_side, side::sell);
}

} // namespace
} // namespace bourse::bots
