#include "bots/backtest/simulator.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "scripted_strategy.hpp"

namespace bourse::bots {
namespace {

using testing::day_bar;
using testing::scripted_strategy;

/// Bars that alternate up and down: each bar reverses the previous one. A strategy that reacts to a
/// bar it has seen (buy after up, sell after down) must lose on every trade, because it can only
/// trade after the bar; a simulator that let orders fill at prices from before the signal (the bar's
/// open, low or high) would make the same strategy win.
std::vector<bar> zigzag(int n) {
  std::vector<bar> bars;
  for (int i = 0; i < n; ++i)
    bars.push_back(i % 2 == 0 ? day_bar(i, 10'000, 11'000, 10'000, 11'000)
                              : day_bar(i, 11'000, 11'000, 10'000, 10'000));
  return bars;
}

/// Holds +qty after an up bar and -qty after a down bar (trend follower); `contrarian` flips the sign.
scripted_strategy bar_reactor(bool contrarian) {
  scripted_strategy s;
  s.bars = [contrarian](strategy_context& ctx, const bar& b) {
    const bool up = b.close > b.open;
    const quantity target = (up != contrarian) ? 10 : -10;
    const quantity delta = target - ctx.position() - ctx.open_qty(side::buy) + ctx.open_qty(side::sell);
    if (delta != 0)
      ctx.send_market(delta > 0 ? side::buy : side::sell, delta > 0 ? delta : -delta);
  };
  return s;
}

class look_ahead : public ::testing::TestWithParam<std::size_t> {};

TEST_P(look_ahead, reacting_to_a_completed_bar_cannot_trade_inside_it) {
  backtest_config config;
  config.latency_events = GetParam();
  config.taker_fee_bps = 0;
  const auto bars = zigzag(40);
  auto follower = bar_reactor(false);
  const auto lost = bar_simulator(config).run(bars, follower);
  ASSERT_GT(lost.trade_pnls.size(), 30u);
  for (const cents pnl : lost.trade_pnls)
    EXPECT_LT(pnl, 0); // every round trip loses: fills come after the signal bar
  EXPECT_LT(lost.equity.back().equity, config.starting_cash);

  // The mirror strategy wins on the same data: the test can tell profit from loss.
  auto contrarian = bar_reactor(true);
  const auto won = bar_simulator(config).run(bars, contrarian);
  for (const cents pnl : won.trade_pnls)
    EXPECT_GT(pnl, 0);
  EXPECT_GT(won.equity.back().equity, config.starting_cash);
}

INSTANTIATE_TEST_SUITE_P(latencies, look_ahead, ::testing::Values(0u, 1u));

TEST(look_ahead, a_bar_is_seen_only_after_its_close_point_and_time_never_runs_backwards) {
  struct spy final : strategy {
    std::vector<std::pair<timestamp_ns, cents>> seen; // (ctx time, price seen)
    std::vector<timestamp_ns> bar_times;              // ctx time at each on_bar
    void on_book(strategy_context& ctx, const book_view& view) override {
      seen.emplace_back(ctx.now(), view.top.ask_price - 1);
    }
    void on_bar(strategy_context& ctx, const bar& b) override {
      bar_times.push_back(ctx.now());
      EXPECT_EQ(seen.back().second, b.close); // its close was the last price seen
      EXPECT_GE(ctx.now(), b.time + 3 * (ns_per_day / 4));
    }
  } s;
  // closes are unique prices that appear nowhere earlier in their bar's path
  const std::vector<bar> bars{day_bar(0, 1'000, 1'200, 900, 1'111), day_bar(1, 1'111, 1'150, 1'001, 1'033),
                              day_bar(2, 1'033, 1'333, 1'010, 1'222)};
  bar_simulator(backtest_config{}).run(bars, s);
  ASSERT_EQ(s.bar_times.size(), 3u);
  for (std::size_t i = 1; i < s.seen.size(); ++i)
    EXPECT_LE(s.seen[i - 1].first, s.seen[i].first);
  for (std::size_t b = 0; b < bars.size(); ++b) {
    const auto first_close = std::find_if(s.seen.begin(), s.seen.end(),
                                          [&](const auto& obs) { return obs.second == bars[b].close; });
    ASSERT_NE(first_close, s.seen.end());
    EXPECT_EQ(first_close->first, bars[b].time + 3 * (ns_per_day / 4))
        << "bar " << b; // not before the close point
  }
}

} // namespace
} // namespace bourse::bots
