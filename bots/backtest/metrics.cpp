#include "bots/backtest/metrics.hpp"

#include <cmath>
#include <limits>

#include "bots/data/bar.hpp"

namespace bourse::bots {
namespace {

void add_return_stats(const backtest_result& result, double periods_per_year, backtest_report& report) {
  const auto n = result.equity.size();
  if (n < 2)
    return;
  double sum = 0, sum_sq = 0, downside_sq = 0;
  double previous = static_cast<double>(result.starting_cash);
  for (const auto& point : result.equity) {
    const double equity = static_cast<double>(point.equity);
    const double r = previous > 0 ? equity / previous - 1.0 : 0.0;
    sum += r;
    sum_sq += r * r;
    downside_sq += r < 0 ? r * r : 0.0;
    previous = equity;
  }
  const double count = static_cast<double>(n);
  const double mean = sum / count;
  const double variance = (sum_sq - sum * sum / count) / (count - 1);
  const double downside = std::sqrt(downside_sq / count);
  const double annual = std::sqrt(periods_per_year);
  report.sharpe = variance > 0 ? mean / std::sqrt(variance) * annual : 0.0;
  report.sortino = downside > 0 ? mean / downside * annual : 0.0;
}

void add_drawdown(const backtest_result& result, backtest_report& report) {
  cents peak = result.starting_cash;
  std::size_t peak_index = 0;
  timestamp_ns peak_time = result.equity.empty() ? 0 : result.equity.front().time;
  for (std::size_t i = 0; i < result.equity.size(); ++i) {
    const auto& point = result.equity[i];
    if (point.equity >= peak) {
      peak = point.equity;
      peak_index = i + 1;
      peak_time = point.time;
      continue;
    }
    report.max_drawdown_cents = std::max(report.max_drawdown_cents, peak - point.equity);
    if (peak > 0) {
      const double dd = static_cast<double>(peak - point.equity) / static_cast<double>(peak);
      report.max_drawdown = std::max(report.max_drawdown, dd);
    }
    if (i + 1 - peak_index > report.max_drawdown_bars) {
      report.max_drawdown_bars = i + 1 - peak_index;
      report.max_drawdown_duration_ns = point.time - peak_time;
    }
  }
}

void add_trade_stats(const backtest_result& result, backtest_report& report) {
  report.trade_count = result.trade_pnls.size();
  if (result.trade_pnls.empty())
    return;
  cents gross_profit = 0, gross_loss = 0, total = 0;
  std::size_t wins = 0;
  for (const cents pnl : result.trade_pnls) {
    total += pnl;
    if (pnl > 0) {
      ++wins;
      gross_profit += pnl;
    } else {
      gross_loss -= pnl;
    }
  }
  const double count = static_cast<double>(result.trade_pnls.size());
  report.win_rate = static_cast<double>(wins) / count;
  report.expectancy = static_cast<double>(total) / count;
  report.profit_factor = gross_loss > 0 ? static_cast<double>(gross_profit) / static_cast<double>(gross_loss)
                                        : std::numeric_limits<double>::infinity();
}

} // namespace

backtest_report compute_report(const backtest_result& result, double periods_per_year) {
  backtest_report report;
  report.starting_equity = result.starting_cash;
  report.final_equity = result.equity.empty() ? result.starting_cash : result.equity.back().equity;
  report.orders_sent = result.orders_sent;
  report.orders_refused = result.orders_refused;
  report.fills = result.fills;
  report.fees_paid = result.fees_paid;
  report.killed = result.killed;
  if (result.starting_cash > 0)
    report.total_return =
        static_cast<double>(report.final_equity) / static_cast<double>(result.starting_cash) - 1.0;
  if (result.equity.size() >= 2) {
    const double years = static_cast<double>(result.equity.back().time - result.equity.front().time) /
                         (365.25 * static_cast<double>(ns_per_day));
    const double growth = 1.0 + report.total_return;
    report.cagr = growth <= 0 ? -1.0 : (years > 0 ? std::pow(growth, 1.0 / years) - 1.0 : 0.0);
  }
  std::size_t exposed = 0;
  for (const auto& point : result.equity)
    exposed += point.position != 0 ? 1 : 0;
  report.exposure =
      result.equity.empty() ? 0.0 : static_cast<double>(exposed) / static_cast<double>(result.equity.size());
  add_return_stats(result, periods_per_year, report);
  add_drawdown(result, report);
  add_trade_stats(result, report);
  return report;
}

} // namespace bourse::bots
