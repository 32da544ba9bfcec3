#include "bots/backtest/result_store.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <cmath>

#include "bots/backtest/report_format.hpp"
#include "persistence/migrations.hpp"
#include "tests/persistence/postgres_environment.hpp"

namespace bourse::bots {
namespace {

backtest_record momentum_record() {
  backtest_result result;
  result.starting_cash = 1'000'000;
  result.equity = {{1, 1'100'000, 5}, {2, 900'000, 5}, {3, 1'250'000, 0}};
  result.trade_pnls = {250'000, -1'000};
  backtest_record r;
  r.strategy = "momentum";
  r.parameters = {{"fast", 20}, {"slow", 50}, {"qty", 2.5}};
  r.symbol = "SPX";
  r.from = 1'700'000'000'000'000'000;
  r.to = 1'700'000'060'000'000'000;
  r.report = compute_report(result, 252);
  r.metrics = to_json(r.report);
  r.metrics["data"] = "candles";
  r.created = 1'700'000'100'000'000'000;
  return r;
}

/// JSONB keeps numbers as decimals: compare numbers as doubles (to 1e-12 relative), the rest exactly.
void expect_same_json(const boost::json::object& stored, const boost::json::object& expected) {
  EXPECT_EQ(stored.size(), expected.size());
  for (const auto& [key, value] : expected) {
    ASSERT_TRUE(stored.contains(key)) << key;
    const auto& got = stored.at(key);
    if (value.is_number() && got.is_number())
      EXPECT_NEAR(got.to_number<double>(), value.to_number<double>(),
                  1e-12 * std::abs(value.to_number<double>()))
          << key;
    else
      EXPECT_EQ(got, value) << key;
  }
}

TEST(result_store, reports_round_trip_through_backtest_results) {
  const auto url = test::postgres_environment::postgres().create_database();
  auto first = momentum_record();
  auto second = momentum_record();
  second.strategy = "noise";
  const std::vector<backtest_record> records{first, second};
  const auto ids = store_backtests(url, records); // applies the migrations on a fresh database
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_LT(ids[0], ids[1]);

  auto conn = pg_connection::open(url).value();
  const auto rows =
      conn.exec("SELECT user_id IS NULL, strategy, parameters::text, symbol, from_ns, to_ns, pnl, "
                "max_drawdown, trade_count, metrics::text, created_ns FROM backtest_results "
                "WHERE id = $1",
                ids[0])
          .value();
  ASSERT_EQ(rows.rows(), 1);
  EXPECT_TRUE(rows.boolean(0, 0));
  EXPECT_EQ(rows.text(0, 1), "momentum");
  expect_same_json(boost::json::parse(rows.text(0, 2)).as_object(),
                   {{"fast", 20}, {"qty", 2.5}, {"slow", 50}});
  EXPECT_EQ(rows.text(0, 3), "SPX");
  EXPECT_EQ(rows.int64(0, 4), first.from);
  EXPECT_EQ(rows.int64(0, 5), first.to);
  EXPECT_EQ(rows.int64(0, 6), 250'000); // 1,250,000 − 1,000,000
  EXPECT_EQ(rows.int64(0, 7), 200'000); // peak 1,100,000 → 900,000
  EXPECT_EQ(rows.int64(0, 8), 2);
  EXPECT_TRUE(first.metrics.at("cagr").is_null()); // infinite over 2 ns; JSON has no infinity
  expect_same_json(boost::json::parse(rows.text(0, 9)).as_object(), first.metrics);
  EXPECT_EQ(rows.int64(0, 10), first.created);
  EXPECT_EQ(conn.exec("SELECT strategy FROM backtest_results WHERE id = $1", ids[1]).value().text(0, 0),
            "noise");
}

TEST(result_store, a_user_owns_the_row_and_a_bad_row_stores_nothing) {
  const auto url = test::postgres_environment::postgres().create_database();
  auto conn = pg_connection::open(url).value();
  ASSERT_TRUE(apply_migrations(conn, bundled_migrations_dir()));
  const auto user = conn.exec("INSERT INTO users (username, role) VALUES ('ann', 'player') RETURNING id")
                        .value()
                        .int64(0, 0);
  auto owned = momentum_record();
  owned.user_id = user;
  auto unknown_user = momentum_record();
  unknown_user.user_id = user + 1'000; // violates the users foreign key
  const std::vector<backtest_record> bad{owned, unknown_user};
  EXPECT_THROW(store_backtests(url, bad), std::runtime_error);
  EXPECT_EQ(conn.exec("SELECT count(*) FROM backtest_results").value().int64(0, 0), 0);

  const std::vector<backtest_record> good{owned};
  const auto id = store_backtests(url, good).at(0);
  EXPECT_EQ(conn.exec("SELECT user_id FROM backtest_results WHERE id = $1", id).value().int64(0, 0), user);
}

} // namespace
} // namespace bourse::bots
