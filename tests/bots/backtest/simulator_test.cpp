#include "bots/backtest/simulator.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "bots/data/ohlcv_loader.hpp"
#include "bots/strategy/strategy_factory.hpp"
#include "scripted_strategy.hpp"

namespace bourse::bots {
namespace {

using testing::day_bar;
using testing::scripted_strategy;

backtest_config zero_latency() {
  backtest_config config;
  config.latency_events = 0;
  config.taker_fee_bps = 10;
  config.maker_fee_bps = 2;
  return config;
}

TEST(bar_simulator, path_points_and_quotes_follow_the_bar) {
  scripted_strategy spy;
  bar_simulator sim(zero_latency());
  const std::vector<bar> bars{day_bar(0, 1'000, 1'100, 900, 1'050), day_bar(1, 1'050, 1'060, 1'000, 1'010)};
  const auto result = sim.run(bars, spy);
  // up bar O-L-H-C, down bar O-H-L-C; the replay ask sits one tick above the path
  EXPECT_EQ(spy.seen_asks, (std::vector<cents>{1'001, 901, 1'101, 1'051, 1'051, 1'061, 1'001, 1'011}));
  EXPECT_EQ(result.price_events, 8u);
  ASSERT_EQ(result.equity.size(), 2u);
  EXPECT_EQ(result.equity[0].equity, 10'000'000);
}

TEST(bar_simulator, market_order_takes_the_replay_quote_and_pays_taker_fee) {
  scripted_strategy buy_once;
  buy_once.book = [](strategy_context& ctx, const book_view&) {
    if (ctx.position() == 0 && ctx.open_orders().empty())
      ctx.send_market(side::buy, 100);
  };
  bar_simulator sim(zero_latency());
  const std::vector<bar> bars{day_bar(0, 10'000, 11'000, 9'000, 10'500),
                              day_bar(1, 10'500, 12'000, 10'400, 12'000)};
  const auto result = sim.run(bars, buy_once);
  ASSERT_EQ(buy_once.fills.size(), 1u);
  EXPECT_EQ(buy_once.fills[0].price, 10'001); // open + one tick
  EXPECT_FALSE(buy_once.fills[0].maker);
  const cents fee = 10'001 * 100 * 10 / 10'000 + 1; // 10 bps, rounded up
  EXPECT_EQ(buy_once.fills[0].fee, fee);
  EXPECT_EQ(result.fees_paid, fee);
  EXPECT_EQ(result.equity[0].equity, 10'000'000 - 10'001 * 100 - fee + 10'500 * 100);
  EXPECT_EQ(result.equity[1].equity, 10'000'000 - 10'001 * 100 - fee + 12'000 * 100);
  EXPECT_EQ(result.equity[1].position, 100);
}

TEST(bar_simulator, resting_limit_fills_only_when_the_path_reaches_it) {
  scripted_strategy bidder;
  bidder.book = [](strategy_context& ctx, const book_view&) {
    if (ctx.position() == 0 && ctx.open_orders().empty())
      ctx.send_limit(side::buy, 9'500, 10);
  };
  bar_simulator sim(zero_latency());
  // bar 0 low 9,502: the replay ask reaches 9,503 > 9,500, no fill; bar 1 low 9,480: ask 9,481 crosses
  const std::vector<bar> bars{day_bar(0, 10'000, 10'100, 9'502, 9'900),
                              day_bar(1, 9'900, 9'950, 9'480, 9'600)};
  const auto result = sim.run(bars, bidder);
  ASSERT_EQ(bidder.fills.size(), 1u);
  EXPECT_EQ(bidder.fills[0].price, 9'500); // the resting order's price
  EXPECT_TRUE(bidder.fills[0].maker);
  EXPECT_EQ(bidder.fills[0].time, ns_per_day + 2 * (ns_per_day / 4)); // bar 1's low point (O-H-L-C)
  EXPECT_EQ(bidder.fills[0].fee, 9'500 * 10 * 2 / 10'000);
  EXPECT_EQ(result.equity[0].position, 0);
  EXPECT_EQ(result.equity[1].position, 10);
}

TEST(bar_simulator, latency_delays_activation_by_price_points) {
  for (std::size_t latency : {0u, 1u, 2u, 3u}) {
    scripted_strategy buyer;
    buyer.book = [](strategy_context& ctx, const book_view&) {
      if (ctx.position() == 0 && ctx.open_orders().empty())
        ctx.send_market(side::buy, 1);
    };
    auto config = zero_latency();
    config.latency_events = latency;
    bar_simulator sim(config);
    const std::vector<bar> bars{day_bar(0, 1'000, 1'300, 700, 1'200)}; // path 1000, 700, 1300, 1200
    sim.run(bars, buyer);
    const cents path[] = {1'000, 700, 1'300, 1'200};
    ASSERT_EQ(buyer.fills.size(), 1u) << latency;
    EXPECT_EQ(buyer.fills[0].price, path[latency] + 1) << latency;
  }
}

TEST(bar_simulator, risk_manager_is_enforced_in_backtests) {
  scripted_strategy greedy;
  greedy.book = [](strategy_context& ctx, const book_view&) { ctx.send_market(side::buy, 10); };
  auto config = zero_latency();
  config.risk.max_position = 25;
  bar_simulator sim(config);
  const std::vector<bar> bars{day_bar(0, 1'000, 1'000, 1'000, 1'000), day_bar(1, 1'000, 1'000, 1'000, 1'000)};
  const auto result = sim.run(bars, greedy);
  EXPECT_EQ(result.equity.back().position, 20);
  EXPECT_EQ(result.orders_sent, 2u);
  EXPECT_EQ(result.orders_refused, 6u);
}

std::vector<bar> random_walk(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 150.0);
  std::vector<bar> bars;
  cents close = 100'000;
  for (std::size_t i = 0; i < n; ++i) {
    const cents open = close;
    close = std::max<cents>(1'000, open + static_cast<cents>(step(rng)));
    const cents wiggle = static_cast<cents>(std::abs(step(rng)));
    bars.push_back(day_bar(static_cast<int>(i), open, std::max(open, close) + wiggle,
                           std::max<cents>(1, std::min(open, close) - wiggle), close));
  }
  return bars;
}

TEST(bar_simulator, lazy_views_show_the_levels_the_book_would_hold) {
  // lazy: synthetic levels, never synced (no order); eager: the book's depth after every requote
  std::vector<std::vector<price_level_view>> seen[2];
  for (int eager = 0; eager < 2; ++eager) {
    scripted_strategy spy;
    spy.book = [&](strategy_context&, const book_view& view) {
      std::vector<price_level_view> levels(view.bids.begin(), view.bids.end());
      levels.insert(levels.end(), view.asks.begin(), view.asks.end());
      seen[eager].push_back(std::move(levels));
    };
    auto config = zero_latency();
    config.half_spread_ticks = 2;
    config.replay_levels = 3;
    config.replay_depth = 700;
    config.lazy_replay = eager == 0;
    bar_simulator(config).run(
        std::vector<bar>{day_bar(0, 1'000, 1'100, 900, 1'050), day_bar(1, 1'050, 1'060, 1'000, 1'010)}, spy);
  }
  ASSERT_EQ(seen[0].size(), 8u);
  EXPECT_EQ(seen[0], seen[1]);
  EXPECT_EQ(
      seen[0][0],
      (std::vector<price_level_view>{
          {998, 700, 1}, {997, 700, 1}, {996, 700, 1}, {1'002, 700, 1}, {1'003, 700, 1}, {1'004, 700, 1}}));
}

TEST(bar_simulator, lazy_replay_gives_the_same_results_as_requoting_every_point) {
  const auto bars = random_walk(400, 11);
  const param_map mm{
      {"gamma", 0.001}, {"k", 0.05}, {"refresh_s", 21'600}, {"qty", 10}, {"max_inventory", 50}};
  for (const auto& [name, params] : std::vector<std::pair<std::string, param_map>>{
           {"market_maker", mm},
           {"noise", {{"rate_per_s", 0.0001}, {"lifetime_s", 86'400}}},
           {"momentum", {}}}) {
    backtest_result results[2];
    for (int eager = 0; eager < 2; ++eager) {
      auto config = zero_latency();
      config.latency_events = 1;
      config.lazy_replay = eager == 0;
      bar_simulator sim(config);
      const auto strat = make_strategy(name, params);
      results[eager] = sim.run(bars, *strat);
    }
    EXPECT_GT(results[0].fills, 0u) << name;
    EXPECT_EQ(results[0].fills, results[1].fills) << name;
    EXPECT_EQ(results[0].trade_pnls, results[1].trade_pnls) << name;
    ASSERT_EQ(results[0].equity.size(), results[1].equity.size());
    for (std::size_t i = 0; i < results[0].equity.size(); ++i)
      ASSERT_EQ(results[0].equity[i].equity, results[1].equity[i].equity) << name << " bar " << i;
  }
}

TEST(bar_simulator, momentum_over_real_sp500_history) {
  const std::string path = std::string(BOURSE_VEGA_DATA_DIR) + "/sp500-2000.csv";
  if (!std::filesystem::exists(path))
    GTEST_SKIP() << "node_modules/vega-datasets not installed (run npm ci)";
  const auto loaded = load_ohlcv_csv(path);
  ASSERT_TRUE(loaded.ok());
  bar_simulator sim(backtest_config{});
  const auto strat = make_strategy("momentum", {{"qty", 50}});
  const auto result = sim.run(loaded.bars, *strat);
  EXPECT_EQ(result.equity.size(), 5'105u);
  EXPECT_EQ(result.price_events, 4u * 5'105u);
  EXPECT_GT(result.fills, 10u);
  EXPECT_EQ(result.orders_refused, 0u);
  EXPECT_TRUE(result.equity.back().position == 0 || result.equity.back().position == 50);
}

} // namespace
} // namespace bourse::bots
