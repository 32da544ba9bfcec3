#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bots/backtest/backtest_config.hpp"
#include "bots/backtest/metrics.hpp"
#include "bots/data/bar.hpp"
#include "bots/data/price_path.hpp"
#include "bots/strategy/strategy_params.hpp"

namespace bourse::bots {

/// One axis of a sweep grid: a parameter name and the values to try.
struct sweep_axis {
  std::string name;
  std::vector<double> values;
};

/// Parses "name=v1,v2,v3"; throws std::invalid_argument on bad text.
sweep_axis parse_sweep_axis(std::string_view text);

/// The cartesian product of the axes, first axis varying slowest; `fixed` parameters go in every point.
std::vector<param_map> expand_grid(const std::vector<sweep_axis>& axes, const param_map& fixed = {});

/// One grid point's outcome; `error` is set (and `report` empty) when the parameters were refused.
struct sweep_row {
  param_map params;
  backtest_report report;
  std::string error;
};

/// Backtests strategy `name` at every grid point on `threads` worker threads (std::jthread pulling grid
/// indices from an atomic counter); each run has its own strategy, simulator and book and reads the
/// shared bars only. Rows come back in grid order.
std::vector<sweep_row> run_sweep(std::span<const bar> bars, std::string_view name,
                                 const std::vector<param_map>& grid, const backtest_config& config,
                                 std::size_t threads,
                                 std::shared_ptr<const price_path> fundamental = nullptr);

} // namespace bourse::bots
