// Candle retention against a private PostgreSQL: age per interval, the newest candles always kept,
// bounded deletes, and what market-data recovery reads back unchanged.
#include "persistence/candle_retention.hpp"

#include <string>

#include <gtest/gtest.h>

#include "persistence/market_data_recovery.hpp"
#include "persistence/migrations.hpp"
#include "tests/persistence/postgres_environment.hpp"

namespace bourse {
namespace {

constexpr timestamp_ns second = 1'000'000'000;
constexpr timestamp_ns day = 86'400 * second;
constexpr timestamp_ns now = 1'800'000'000 * second;

class candle_retention_test : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(apply_migrations(conn_, bundled_migrations_dir())); }

  /// `n` candles of `symbol` and `interval_s`, the first opening at `first`, one interval apart.
  void candles(const std::string& symbol, std::int64_t interval_s, timestamp_ns first, std::int64_t n) {
    conn_
        .exec("INSERT INTO candles (symbol, interval_s, open_time_ns, open, high, low, close, volume, "
              "trade_count) SELECT $1, $2::bigint, $3::bigint + g * $2::bigint * 1000000000, 100, 101, 99, "
              "100, 5, 1 "
              "FROM generate_series(0::bigint, $4::bigint - 1) g",
              symbol, interval_s, first, n)
        .value();
  }

  std::int64_t count(const std::string& symbol, std::int64_t interval_s) {
    return conn_
        .exec("SELECT count(*) FROM candles WHERE symbol = $1 AND interval_s = $2", symbol, interval_s)
        .value()
        .int64(0, 0);
  }

  std::int64_t oldest(const std::string& symbol, std::int64_t interval_s) {
    return conn_
        .exec("SELECT min(open_time_ns) FROM candles WHERE symbol = $1 AND interval_s = $2", symbol,
              interval_s)
        .value()
        .int64(0, 0);
  }

  std::string conninfo_ = test::postgres_environment::postgres().create_database();
  pg_connection conn_ = pg_connection::open(conninfo_).value();
};

TEST_F(candle_retention_test, old_candles_go_but_the_newest_of_each_series_and_unlisted_intervals_stay) {
  // AAA trades continuously: 1200 one-second candles three days ago, 300 an hour ago.
  const timestamp_ns three_days_ago = now - 3 * day;
  candles("AAA", 1, three_days_ago, 1'200);
  candles("AAA", 1, now - 3'600 * second, 300);
  candles("AAA", 60, now - 40 * day, 2'000);  // 2000 minutes from 40 days ago: all past 30 days
  candles("AAA", 3'600, now - 400 * day, 20); // 1 h: no rule
  // BBB traded a little ten days ago: its 50 candles are all of its series.
  candles("BBB", 1, now - 10 * day, 50);
  const candle_retention rules{.max_age_days = {{1, 2}, {60, 30}}};

  market_data_state before{"BBB"};
  ASSERT_EQ(load_candles(conn_, before, now - 7 * day, 1'000).value(), 50u);

  const auto stats = prune_candles(conn_, rules, now);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->deleted, 500 + 1'000);
  EXPECT_FALSE(stats->more);
  EXPECT_EQ(count("AAA", 1), 1'000) << "the newest 1000 stay, 700 of them three days old";
  EXPECT_EQ(oldest("AAA", 1), three_days_ago + 500 * second);
  EXPECT_EQ(count("AAA", 60), 1'000);
  EXPECT_EQ(oldest("AAA", 60), now - 40 * day + 1'000 * 60 * second);
  EXPECT_EQ(count("AAA", 3'600), 20);
  EXPECT_EQ(count("BBB", 1), 50);

  // What market-data recovery reads back for BBB (before its replay window) is unchanged.
  market_data_state after{"BBB"};
  ASSERT_EQ(load_candles(conn_, after, now - 7 * day, 1'000).value(), 50u);
  for (std::size_t i = 0; i < after.series.size(); ++i)
    EXPECT_EQ(after.series[i].closed(), before.series[i].closed()) << after.series[i].interval_s();

  const auto again = prune_candles(conn_, rules, now);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->deleted, 0);
}

TEST_F(candle_retention_test, a_backlog_goes_in_bounded_deletes_oldest_first) {
  candles("AAA", 1, now - 5 * day, 1'000);
  candles("AAA", 1, now - 3'600 * second, 5);
  const candle_retention rules{.max_age_days = {{1, 2}}, .keep_newest = 10, .max_rows = 200};
  std::int64_t deleted = 0;
  for (int call = 1; call <= 4; ++call) {
    const auto stats = prune_candles(conn_, rules, now);
    ASSERT_TRUE(stats) << stats.error().message;
    EXPECT_EQ(stats->deleted, 200) << call;
    EXPECT_TRUE(stats->more) << call;
    deleted += stats->deleted;
    EXPECT_EQ(oldest("AAA", 1), now - 5 * day + deleted * second) << call;
  }
  const auto last = prune_candles(conn_, rules, now);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->deleted, 195);
  EXPECT_FALSE(last->more);
  EXPECT_EQ(count("AAA", 1), 10);
  EXPECT_EQ(oldest("AAA", 1), now - 5 * day + 995 * second);
}

TEST_F(candle_retention_test, no_rule_deletes_nothing) {
  candles("AAA", 1, now - 100 * day, 2'000);
  const auto stats = prune_candles(conn_, {}, now);
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->deleted, 0);
  EXPECT_EQ(count("AAA", 1), 2'000);
}

} // namespace
} // namespace bourse
