#pragma once

#include <cstddef>

#include "bots/backtest/backtest_result.hpp"

namespace bourse::bots {

/// Performance figures of one backtest. Ratios are plain fractions (0.1 = 10 %), money cents.
struct backtest_report {
  cents starting_equity = 0;
  cents final_equity = 0;
  double total_return = 0;      ///< final / starting - 1
  double cagr = 0;              ///< (final / starting)^(1 / years) - 1, years from the first to last bar
  double sharpe = 0;            ///< mean / sample stddev of per-bar returns × sqrt(periods per year), rf = 0
  double sortino = 0;           ///< mean / downside deviation (target 0) × sqrt(periods per year)
  double max_drawdown = 0;      ///< largest fall from a running equity peak, fraction of the peak
  cents max_drawdown_cents = 0; ///< largest fall from a running equity peak, cents
  std::size_t max_drawdown_bars = 0;         ///< longest stretch of bars spent below a previous peak
  timestamp_ns max_drawdown_duration_ns = 0; ///< the same stretch in time
  std::size_t trade_count = 0;               ///< closing fills (each realizes P&L)
  double win_rate = 0;                       ///< share of closing fills with P&L > 0
  double profit_factor = 0; ///< gross profit / gross loss; infinity with no loss, 0 with no trade
  double expectancy = 0;    ///< mean P&L per closing fill, cents
  double exposure = 0;      ///< share of bars that closed with a non-zero position
  std::size_t orders_sent = 0;
  std::size_t orders_refused = 0;
  std::size_t fills = 0;
  cents fees_paid = 0;
  bool killed = false;
};

/// Computes the report from a simulation's equity curve and trades; `periods_per_year` annualizes.
backtest_report compute_report(const backtest_result& result, double periods_per_year);

} // namespace bourse::bots
