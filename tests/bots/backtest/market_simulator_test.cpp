#include "bots/backtest/market_simulator.hpp"

#include <functional>
#include <utility>

#include <gtest/gtest.h>

#include "bots/backtest/market_csv.hpp"
#include "bots/backtest/market_setup.hpp"

namespace bourse::bots {
namespace {

constexpr timestamp_ns ms = 1'000'000;
constexpr timestamp_ns sec = 1'000 * ms;
constexpr timestamp_ns t0 = 1'000 * 60 * sec; // on a minute boundary

/// A bot that acts at given times (on_start at t0, then timers) and records what it was told, with
/// the simulated time at which it was told.
struct script_bot final : strategy {
  std::vector<timestamp_ns> wake_at;
  std::function<void(strategy_context&, std::size_t)> act;
  std::vector<std::pair<timestamp_ns, top_of_book>> books;
  std::vector<std::pair<timestamp_ns, fill_report>> fills;
  std::vector<std::pair<timestamp_ns, bar>> bars;
  std::vector<std::pair<timestamp_ns, trade_print>> trades;
  std::size_t next_ = 0;

  void on_start(strategy_context& ctx) override { wake(ctx); }
  void on_timer(strategy_context& ctx, timestamp_ns) override { wake(ctx); }
  void on_book(strategy_context& ctx, const book_view& view) override {
    books.emplace_back(ctx.now(), view.top);
  }
  void on_fill(strategy_context& ctx, const fill_report& f) override { fills.emplace_back(ctx.now(), f); }
  void on_bar(strategy_context& ctx, const bar& b) override { bars.emplace_back(ctx.now(), b); }
  void on_trade(strategy_context& ctx, const trade_print& t) override { trades.emplace_back(ctx.now(), t); }

  void wake(strategy_context& ctx) {
    while (next_ < wake_at.size() && wake_at[next_] <= ctx.now())
      act(ctx, next_++);
    if (next_ < wake_at.size())
      ctx.set_timer(wake_at[next_]);
  }
};

market_sim_config config_with(timestamp_ns latency) {
  market_sim_config c;
  c.rules.symbol = "TST";
  c.rules.reference_price = 10'000;
  c.rules.maker_fee_bps = 0;
  c.rules.taker_fee_bps = 5;
  c.clock.seconds_per_day = 0;
  c.start = t0;
  c.duration = 3 * 60 * sec;
  c.latency = latency;
  return c;
}

/// Adds a script bot that acts at `times` (absolute ns); returns it (owned by `bots`).
script_bot& add_bot(std::vector<sim_bot>& bots, std::vector<timestamp_ns> times,
                    std::function<void(strategy_context&, std::size_t)> act) {
  auto strat = std::make_unique<script_bot>();
  strat->wake_at = std::move(times);
  strat->act = std::move(act);
  auto& ref = *strat;
  bots.push_back(sim_bot{"bot" + std::to_string(bots.size() + 1), std::move(strat), {}, 10'000'000, {}});
  return ref;
}

market_setup_options default_fleet(std::string symbol, double minutes, std::uint64_t seed = 1) {
  market_setup_options o;
  o.market_file = BOURSE_SOURCE_DIR "/config/market.toml";
  o.root = BOURSE_SOURCE_DIR;
  o.fleet_file = BOURSE_SOURCE_DIR "/bots/fleet.toml";
  o.symbol = std::move(symbol);
  o.duration = static_cast<timestamp_ns>(minutes * 60) * sec;
  o.seed = seed;
  return o;
}

market_run run_default(std::string symbol, double minutes, std::uint64_t seed = 1) {
  auto scenario = load_market_scenario(default_fleet(std::move(symbol), minutes, seed));
  market_simulator sim(std::move(scenario.config), std::move(scenario.bots));
  return sim.run();
}

bool same_samples(const std::vector<book_sample>& a, const std::vector<book_sample>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const book_sample& x, const book_sample& y) {
    return x.time == y.time && x.bid == y.bid && x.ask == y.ask && x.depth == y.depth;
  });
}

TEST(market_simulator, same_inputs_give_the_same_market) {
  const auto first = run_default("SPX", 10);
  const auto second = run_default("SPX", 10);
  ASSERT_GT(first.trades.size(), 100u);
  EXPECT_EQ(first.trades, second.trades);
  EXPECT_TRUE(same_samples(first.books, second.books));
  EXPECT_EQ(first.events, second.events);
  EXPECT_NE(run_default("SPX", 10, 2).trades, first.trades); // the seed reaches the bots
}

TEST(market_simulator, a_crossing_order_fills_both_bots_as_maker_and_taker) {
  std::vector<sim_bot> bots;
  add_bot(bots, {t0}, [](strategy_context& ctx, std::size_t) { ctx.send_limit(side::sell, 10'000, 10); });
  add_bot(bots, {t0 + 10 * ms},
          [](strategy_context& ctx, std::size_t) { ctx.send_limit(side::buy, 10'050, 4); });
  auto* maker = static_cast<script_bot*>(bots[0].strat.get());
  auto* taker = static_cast<script_bot*>(bots[1].strat.get());
  market_simulator sim(config_with(ms), std::move(bots));
  const auto run = sim.run();

  ASSERT_EQ(run.trades.size(), 1u);
  EXPECT_EQ(run.trades[0], (sim_trade{t0 + 11 * ms, 10'000, 4}));
  // Both hear of the fill one latency after the book made it; the taker pays 5 bps of 40,000 cents.
  ASSERT_EQ(maker->fills.size(), 1u);
  EXPECT_EQ(maker->fills[0].first, t0 + 12 * ms);
  EXPECT_EQ(maker->fills[0].second, (fill_report{t0 + 11 * ms, maker->fills[0].second.client_ref, side::sell,
                                                 10'000, 4, 6, 0, true}));
  ASSERT_EQ(taker->fills.size(), 1u);
  EXPECT_EQ(taker->fills[0].first, t0 + 12 * ms);
  EXPECT_EQ(taker->fills[0].second, (fill_report{t0 + 11 * ms, taker->fills[0].second.client_ref, side::buy,
                                                 10'000, 4, 0, 20, false}));
  EXPECT_EQ(sim.context(0).position(), -4);
  EXPECT_EQ(sim.context(0).open_qty(side::sell), 6);
  EXPECT_EQ(sim.context(1).position(), 4);
  EXPECT_TRUE(sim.context(1).open_orders().empty());
  EXPECT_EQ(run.bots[0].position, -4);
  EXPECT_EQ(run.bots[1].fills, 1u);
  // Both saw the public trade too, after the same latency.
  ASSERT_EQ(taker->trades.size(), 1u);
  EXPECT_EQ(taker->trades[0].first, t0 + 12 * ms);
  EXPECT_EQ(taker->trades[0].second.aggressor, side::buy);
}

TEST(market_simulator, orders_cancels_and_notices_arrive_one_latency_later) {
  constexpr timestamp_ns latency = 5 * ms;
  std::vector<sim_bot> bots;
  std::uint64_t resting = 0;
  add_bot(bots, {t0, t0 + 4 * ms}, [&](strategy_context& ctx, std::size_t k) {
    if (k == 0)
      resting = ctx.send_limit(side::sell, 10'000, 10).client_ref;
    else
      ctx.cancel(resting); // reaches the book at +9 ms, after the buy of +3 ms (at +8 ms)
  });
  add_bot(bots, {t0 + 3 * ms},
          [](strategy_context& ctx, std::size_t) { ctx.send_limit(side::buy, 10'000, 4); });
  auto* taker = static_cast<script_bot*>(bots[1].strat.get());
  market_simulator sim(config_with(latency), std::move(bots));
  const auto run = sim.run();

  ASSERT_EQ(run.trades.size(), 1u);
  EXPECT_EQ(run.trades[0].time, t0 + 8 * ms); // the buy sent at +3 ms arrived at +8 ms, not before
  const auto first_ask = std::find_if(taker->books.begin(), taker->books.end(),
                                      [](const auto& b) { return b.second.ask_qty > 0; });
  ASSERT_NE(first_ask, taker->books.end());
  EXPECT_EQ(first_ask->first, t0 + 10 * ms); // resting at +5 ms, told at +10 ms
  EXPECT_EQ(first_ask->second.ask_price, 10'000);
  ASSERT_EQ(taker->fills.size(), 1u);
  EXPECT_EQ(taker->fills[0].first, t0 + 13 * ms);
  EXPECT_TRUE(sim.context(0).open_orders().empty()); // the cancel took the 6 left
  EXPECT_EQ(sim.context(0).position(), -4);
  EXPECT_EQ(taker->books.back().second.ask_qty, 0);
}

TEST(market_simulator, bars_reach_bots_only_after_they_close) {
  std::vector<sim_bot> bots;
  add_bot(bots, {t0}, [](strategy_context& ctx, std::size_t) {
    for (const cents price : {10'000, 10'050, 10'100})
      ctx.send_limit(side::sell, price, 1);
  });
  auto& taker = add_bot(bots, {t0 + 10 * sec, t0 + 50 * sec, t0 + 70 * sec},
                        [](strategy_context& ctx, std::size_t) { ctx.send_market(side::buy, 1); });
  market_simulator sim(config_with(ms), std::move(bots));
  const auto run = sim.run();

  ASSERT_EQ(run.trades.size(), 3u);
  ASSERT_EQ(taker.bars.size(), 2u);
  EXPECT_EQ(taker.bars[0].first, t0 + 60 * sec + ms); // after the bucket's end, not at the last trade
  EXPECT_EQ(taker.bars[0].second, (bar{t0, 10'000, 10'050, 10'000, 10'050, 2}));
  EXPECT_EQ(taker.bars[1].first, t0 + 120 * sec + ms);
  EXPECT_EQ(taker.bars[1].second, (bar{t0 + 60 * sec, 10'100, 10'100, 10'100, 10'100, 1}));
  for (const auto& [seen, b] : taker.bars)
    EXPECT_GE(seen, b.time + 60 * sec); // no bar before its bucket ended
}

TEST(market_simulator, default_fleet_on_spx_trades_and_keeps_a_two_sided_book) {
  const auto run = run_default("SPX", 120); // the momentum bot needs 50 one-minute bars
  EXPECT_GT(run.trades.size(), 1'000u);
  ASSERT_EQ(run.books.size(), 120u * 60u);
  const auto facts = measure_books(run.books, 1);
  // One-sided while a market maker sits at its inventory limit after a whale's sweep (~22 %).
  EXPECT_GT(static_cast<double>(facts.two_sided) / static_cast<double>(facts.samples), 0.7);
  EXPECT_GT(facts.share_spread_under_10_ticks, 0.9);
  for (const auto& t : run.trades) {
    EXPECT_GT(t.price, 100'000); // SPX stays near its first months' history (1,300-1,550 points)
    EXPECT_LT(t.price, 180'000);
  }
  std::size_t bots = 0;
  for (const auto& b : run.bots)
    bots += b.fills > 0 ? 1 : 0;
  EXPECT_EQ(bots, run.bots.size()); // every bot of the fleet traded
}

/// Trades per simulated hour of `run`, which lasted `hours`.
std::vector<std::size_t> trades_per_hour(const market_run& run, std::size_t hours) {
  const timestamp_ns start = run.books.front().time - 1'000'000'000;
  std::vector<std::size_t> per_hour(hours, 0);
  for (const auto& t : run.trades)
    ++per_hour.at(static_cast<std::size_t>((t.time - start) / 3'600'000'000'000));
  return per_hour;
}

// The default fleet once died within hours: kill switches for good, a whale stuck at its position
// limit, market makers re-opening an emptied book at a fundamental outside the price band. It is
// also tuned for the stylized facts of issue 7 (docs/market-realism.md: 21 of 24 seeds meet both);
// seed 1 guards the tuning, so a strategy change that loses them fails here.
TEST(market_simulator, default_fleet_on_spx_trades_for_ten_hours_with_fat_tails_and_clustering) {
  const auto run = run_default("SPX", 600);
  for (const auto trades : trades_per_hour(run, 10))
    EXPECT_GT(trades, 500u);
  const auto facts = measure_facts(interval_log_returns(trade_prices(run.trades), 60'000'000'000));
  EXPECT_EQ(facts.returns, 600u);
  EXPECT_GT(facts.excess_kurtosis, 3.0);
  static_assert(abs_return_lags[2] == 10);
  EXPECT_GT(facts.abs_return_ac[2], 0.1);
  EXPECT_GT(measure_books(run.books, 1).share_spread_under_10_ticks, 0.9);
}

// MSFT's monthly fundamental fell 34 % in one step at minute 44.7 and locked the book for good.
TEST(market_simulator, default_fleet_keeps_msft_trading_through_its_monthly_steps) {
  const auto run = run_default("MSFT", 180);
  for (const auto trades : trades_per_hour(run, 3))
    EXPECT_GT(trades, 500u);
}

} // namespace
} // namespace bourse::bots
