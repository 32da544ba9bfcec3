#include "bots/backtest/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>

#include "bots/backtest/simulator.hpp"
#include "bots/strategy/strategy_factory.hpp"

namespace bourse::bots {

sweep_axis parse_sweep_axis(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw std::invalid_argument("sweep axis must be name=v1,v2,...: " + std::string(text));
  sweep_axis axis{std::string(text.substr(0, eq)), {}};
  std::string_view rest = text.substr(eq + 1);
  for (;;) {
    const auto comma = rest.find(',');
    axis.values.push_back(parse_param(axis.name + "=" + std::string(rest.substr(0, comma))).second);
    if (comma == std::string_view::npos)
      return axis;
    rest.remove_prefix(comma + 1);
  }
}

std::vector<param_map> expand_grid(const std::vector<sweep_axis>& axes, const param_map& fixed) {
  std::vector<param_map> grid{fixed};
  for (const auto& axis : axes) {
    std::vector<param_map> next;
    next.reserve(grid.size() * axis.values.size());
    for (const auto& point : grid)
      for (const double value : axis.values) {
        auto extended = point;
        extended[axis.name] = value;
        next.push_back(std::move(extended));
      }
    grid = std::move(next);
  }
  return grid;
}

std::vector<sweep_row> run_sweep(std::span<const bar> bars, std::string_view name,
                                 const std::vector<param_map>& grid, const backtest_config& config,
                                 std::size_t threads, std::shared_ptr<const price_path> fundamental) {
  std::vector<sweep_row> rows(grid.size());
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    bar_simulator simulator(config);
    for (std::size_t i = next++; i < grid.size(); i = next++) {
      rows[i].params = grid[i];
      try {
        const auto strat = make_strategy(name, grid[i], fundamental);
        rows[i].report = compute_report(simulator.run(bars, *strat), config.periods_per_year);
      } catch (const std::invalid_argument& e) {
        rows[i].error = e.what();
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 0; t < std::max<std::size_t>(1, threads); ++t)
      pool.emplace_back(worker);
  }
  return rows;
}

} // namespace bourse::bots
