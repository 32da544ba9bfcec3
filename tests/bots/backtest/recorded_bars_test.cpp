#include "bots/backtest/recorded_bars.hpp"

#include <gtest/gtest.h>

#include "bots/backtest/metrics.hpp"
#include "bots/backtest/simulator.hpp"
#include "bots/strategy/strategy_factory.hpp"
#include "persistence/migrations.hpp"
#include "tests/persistence/postgres_environment.hpp"

namespace bourse::bots {
namespace {

constexpr timestamp_ns minute = 60'000'000'000;
constexpr timestamp_ns t0 = 28'333'333 * minute; // 2023-11-14, on a minute boundary

/// A fresh database with the node's schema applied; `url` is its libpq conninfo.
struct node_database {
  std::string url = test::postgres_environment::postgres().create_database();
  pg_connection conn = pg_connection::open(url).value();
  node_database() { EXPECT_TRUE(apply_migrations(conn, bundled_migrations_dir())); }

  void candle(const std::string& symbol, std::int64_t interval_s, const bar& b) {
    ASSERT_TRUE(conn.exec("INSERT INTO candles VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)", symbol,
                          interval_s, b.time, b.open, b.high, b.low, b.close, b.volume));
  }
  void execution(const std::string& symbol, std::int64_t seq, timestamp_ns time, cents price, quantity qty) {
    ASSERT_TRUE(
        conn.exec("INSERT INTO executions (symbol, seq, maker_order_id, maker_user_id, taker_order_id, "
                  "taker_user_id, taker_side, price, quantity, time_ns) "
                  "VALUES ($1, $2, 1, 1, 2, 2, 'BUY', $3, $4, $5)",
                  symbol, seq, price, qty, time));
  }
};

/// `cycles` × (8 one-minute bars up 1 $ each, then 8 down): an SMA 2/4 crossover goes long once in
/// every rise and flat once in every fall, so it closes exactly one trade per cycle.
std::vector<bar> zigzag_minutes(int cycles) {
  std::vector<bar> bars;
  cents close = 100'000;
  for (int i = 0; i < cycles * 16; ++i) {
    const cents open = close;
    close += (i % 16 < 8) ? 100 : -100;
    bars.push_back(
        {t0 + i * minute, open, std::max(open, close) + 10, std::min(open, close) - 10, close, 500});
  }
  return bars;
}

backtest_result run_momentum(const std::vector<bar>& bars) {
  backtest_config config;
  config.bar_interval = minute;
  const auto strat = make_strategy("momentum", {{"fast", 2}, {"slow", 4}, {"qty", 10}});
  return bar_simulator(config).run(bars, *strat);
}

TEST(recorded_bars, candles_of_one_symbol_and_interval_drive_a_backtest) {
  node_database db;
  const auto bars = zigzag_minutes(5);
  for (const auto& b : bars)
    db.candle("SPX", 60, b);
  db.candle("SPX", 300, bars.front()); // another interval
  db.candle("MSFT", 60, bars.back());  // another symbol

  const auto loaded = read_recorded_bars(db.url, {.symbol = "SPX", .interval_s = 60});
  EXPECT_EQ(loaded.source, recorded_source::candles);
  ASSERT_EQ(loaded.bars, bars);
  const auto result = run_momentum(loaded.bars);
  EXPECT_EQ(result.price_events, 4 * 80u);
  EXPECT_EQ(result.equity.size(), 80u);
  EXPECT_EQ(compute_report(result, 525'960).trade_count, 5u);

  // the first two cycles only: bar open times in [from, to]
  const auto part = read_recorded_bars(
      db.url, {.symbol = "SPX", .interval_s = 60, .from = bars[0].time, .to = bars[31].time});
  ASSERT_EQ(part.bars.size(), 32u);
  EXPECT_EQ(compute_report(run_momentum(part.bars), 525'960).trade_count, 2u);
}

TEST(recorded_bars, executions_become_bars_when_there_are_no_candles) {
  node_database db;
  db.execution("SPX", 1, t0 + 1, 1'000, 5);
  db.execution("SPX", 3, t0 + 20'000'000'000, 990, 1); // same time as seq 2, later in book sequence
  db.execution("SPX", 2, t0 + 20'000'000'000, 1'020, 2);
  db.execution("SPX", 4, t0 + minute - 1, 1'005, 3);
  db.execution("SPX", 5, t0 + 3 * minute, 1'100, 7); // minutes 1 and 2 had no trade
  db.execution("MSFT", 1, t0 + 2, 5'000, 1);

  const auto loaded = read_recorded_bars(db.url, {.symbol = "SPX", .interval_s = 60});
  EXPECT_EQ(loaded.source, recorded_source::trades);
  const std::vector<bar> expected{{t0, 1'000, 1'020, 990, 1'005, 11},
                                  {t0 + 3 * minute, 1'100, 1'100, 1'100, 1'100, 7}};
  EXPECT_EQ(loaded.bars, expected);
  EXPECT_EQ(run_momentum(loaded.bars).price_events, 8u);

  const auto later = read_recorded_bars(db.url, {.symbol = "SPX", .interval_s = 60, .from = t0 + 1});
  ASSERT_EQ(later.bars.size(), 1u); // a bar is in range by its open time
  EXPECT_EQ(later.bars[0].time, t0 + 3 * minute);

  EXPECT_TRUE(read_recorded_bars(db.url, {.symbol = "SPX", .source = recorded_source::candles}).bars.empty());
}

TEST(recorded_bars, candles_win_over_trades_unless_trades_are_asked_for) {
  node_database db;
  db.candle("SPX", 60, {t0, 2'000, 2'000, 2'000, 2'000, 1});
  db.execution("SPX", 1, t0, 1'000, 5);
  EXPECT_EQ(read_recorded_bars(db.url, {.symbol = "SPX"}).bars.front().open, 2'000);
  const auto trades = read_recorded_bars(db.url, {.symbol = "SPX", .source = recorded_source::trades});
  EXPECT_EQ(trades.source, recorded_source::trades);
  EXPECT_EQ(trades.bars.front().open, 1'000);
}

TEST(recorded_bars, inconsistent_candle_and_unreachable_database_throw) {
  node_database db;
  db.candle("SPX", 60, {t0, 2'000, 1'900, 1'800, 1'850, 1}); // open above high
  EXPECT_THROW(read_recorded_bars(db.url, {.symbol = "SPX"}), std::runtime_error);
  EXPECT_THROW(read_recorded_bars("postgresql://127.0.0.1:1/none?connect_timeout=2", {.symbol = "SPX"}),
               std::runtime_error);
}

TEST(recorded_bars, trades_out_of_order_are_refused) {
  const std::vector<trade_tick> trades{{minute, 10, 1}, {minute - 1, 11, 1}};
  EXPECT_THROW(bars_from_trades(trades, minute), std::invalid_argument);
  EXPECT_THROW(bars_from_trades({}, 0), std::invalid_argument);
}

TEST(recorded_bars, intervals_parse_with_a_unit) {
  EXPECT_EQ(parse_interval_s("30s"), 30);
  EXPECT_EQ(parse_interval_s("1m"), 60);
  EXPECT_EQ(parse_interval_s("4h"), 14'400);
  EXPECT_EQ(parse_interval_s("1d"), 86'400);
  for (const char* bad : {"", "1", "m", "0m", "-1m", "1w", "1m5", "367d"})
    EXPECT_THROW(parse_interval_s(bad), std::invalid_argument) << bad;
}

} // namespace
} // namespace bourse::bots
