#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "bots/backtest/market_simulator.hpp"

namespace bourse::bots {

/// Which market, fleet and symbol to simulate. Times ns.
struct market_setup_options {
  std::filesystem::path market_file = "config/market.toml";
  std::filesystem::path root = "."; ///< directory that holds node_modules/ (series paths)
  std::string fleet_file = "bots/fleet.toml";
  std::string symbol = "SPX";
  timestamp_ns start = 946'857'600'000'000'000; ///< simulated clock start (2000-01-03 UTC)
  timestamp_ns duration = 3'600'000'000'000;    ///< simulated time to run
  timestamp_ns latency = 1'000'000;             ///< each way, bot ↔ book
  std::uint64_t seed = 1; ///< 1 = the fleet's own seeds (as live); others shift every seeded bot's seed
};

/// A market ready to simulate: the book's rules and clock, and the fleet's bots on one symbol.
struct market_scenario {
  market_sim_config config;
  std::vector<sim_bot> bots;
};

/// Loads the market file (its game clock starts at options.start) and the fleet file (load_fleet),
/// and builds every bot of `symbol` with make_strategy, its risk limits, starting cash and
/// fundamental, as bourse-bot does. Seed s > 1 adds (s - 1) × fleet size to each seeded strategy's
/// seed. Throws catalog_error or std::invalid_argument (bad files, symbol not listed or without bots).
market_scenario load_market_scenario(const market_setup_options& options);

} // namespace bourse::bots
