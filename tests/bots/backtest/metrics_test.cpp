#include "bots/backtest/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "bots/data/bar.hpp"

namespace bourse::bots {
namespace {

backtest_result curve(std::vector<cents> equities) {
  backtest_result r;
  r.starting_cash = 1'000;
  for (std::size_t i = 0; i < equities.size(); ++i)
    r.equity.push_back({static_cast<timestamp_ns>(i) * ns_per_day, equities[i], i % 2 == 0 ? 0 : 5});
  return r;
}

TEST(metrics, returns_drawdown_and_exposure) {
  const auto report = compute_report(curve({1'100, 990, 880, 1'210, 1'100}), 252);
  EXPECT_EQ(report.final_equity, 1'100);
  EXPECT_NEAR(report.total_return, 0.1, 1e-12);
  EXPECT_DOUBLE_EQ(report.max_drawdown, 0.2); // 1,100 -> 880
  EXPECT_EQ(report.max_drawdown_cents, 220);
  EXPECT_EQ(report.max_drawdown_bars, 2u); // bars 1 and 2 below the peak of bar 0
  EXPECT_EQ(report.max_drawdown_duration_ns, 2 * ns_per_day);
  EXPECT_DOUBLE_EQ(report.exposure, 0.4);
  // per-bar returns: +10 %, -10 %, -11.11 %, +37.5 %, -9.09 %
  const double r[] = {0.1, -0.1, 880.0 / 990 - 1, 0.375, 1'100.0 / 1'210 - 1};
  double mean = 0;
  for (double x : r)
    mean += x / 5;
  double var = 0, down = 0;
  for (double x : r) {
    var += (x - mean) * (x - mean) / 4;
    down += x < 0 ? x * x / 5 : 0;
  }
  EXPECT_NEAR(report.sharpe, mean / std::sqrt(var) * std::sqrt(252.0), 1e-9);
  EXPECT_NEAR(report.sortino, mean / std::sqrt(down) * std::sqrt(252.0), 1e-9);
  EXPECT_NEAR(report.cagr, std::pow(1.1, 365.25 / 4) - 1, 1e-6); // 4 days from first to last bar
}

TEST(metrics, trade_statistics) {
  auto result = curve({1'000, 1'000});
  result.trade_pnls = {300, -100, 200, -100};
  const auto report = compute_report(result, 252);
  EXPECT_EQ(report.trade_count, 4u);
  EXPECT_DOUBLE_EQ(report.win_rate, 0.5);
  EXPECT_DOUBLE_EQ(report.profit_factor, 2.5);
  EXPECT_DOUBLE_EQ(report.expectancy, 75.0);
}

TEST(metrics, no_losses_or_no_trades) {
  auto result = curve({1'000, 1'000});
  EXPECT_EQ(compute_report(result, 252).profit_factor, 0.0);
  result.trade_pnls = {5};
  EXPECT_TRUE(std::isinf(compute_report(result, 252).profit_factor));
  EXPECT_EQ(compute_report(result, 252).sharpe, 0.0); // flat curve: no variance
}

} // namespace
} // namespace bourse::bots
