#include "bots/backtest/sweep.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "scripted_strategy.hpp"

namespace bourse::bots {
namespace {

TEST(sweep, axis_parsing_and_grid_order) {
  const auto fast = parse_sweep_axis("fast=5,10");
  EXPECT_EQ(fast.name, "fast");
  EXPECT_EQ(fast.values, (std::vector<double>{5, 10}));
  EXPECT_THROW(parse_sweep_axis("fast=5,x"), std::invalid_argument);
  EXPECT_THROW(parse_sweep_axis("fast"), std::invalid_argument);
  const auto grid = expand_grid({fast, parse_sweep_axis("slow=20,30,40")}, {{"qty", 3}});
  ASSERT_EQ(grid.size(), 6u);
  EXPECT_EQ(grid[0], (param_map{{"fast", 5}, {"slow", 20}, {"qty", 3}}));
  EXPECT_EQ(grid[2], (param_map{{"fast", 5}, {"slow", 40}, {"qty", 3}}));
  EXPECT_EQ(grid[5], (param_map{{"fast", 10}, {"slow", 40}, {"qty", 3}}));
}

TEST(sweep, parallel_runs_match_a_single_thread_and_flag_bad_points) {
  std::vector<bar> bars;
  for (int i = 0; i < 300; ++i) {
    const cents mid = 10'000 + static_cast<cents>(800 * std::sin(i / 15.0));
    bars.push_back(testing::day_bar(i, mid, mid + 30, mid - 30, mid + (i % 3) - 1));
  }
  const auto grid = expand_grid({parse_sweep_axis("fast=3,5,40"), parse_sweep_axis("slow=10,30")});
  const auto parallel = run_sweep(bars, "momentum", grid, backtest_config{}, 4);
  const auto serial = run_sweep(bars, "momentum", grid, backtest_config{}, 1);
  ASSERT_EQ(parallel.size(), 6u);
  for (std::size_t i = 0; i < grid.size(); ++i) {
    EXPECT_EQ(parallel[i].params, grid[i]);
    EXPECT_EQ(parallel[i].error.empty(), serial[i].error.empty());
    EXPECT_EQ(parallel[i].report.final_equity, serial[i].report.final_equity);
    EXPECT_EQ(parallel[i].report.trade_count, serial[i].report.trade_count);
  }
  EXPECT_GT(parallel[0].report.trade_count, 0u);
  EXPECT_FALSE(parallel[4].error.empty()); // fast 40 >= slow 10
  EXPECT_FALSE(parallel[5].error.empty());
}

} // namespace
} // namespace bourse::bots
