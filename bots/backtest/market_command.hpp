#pragma once

#include <ostream>
#include <string>

#include "bots/backtest/market_setup.hpp"

namespace bourse::bots {

/// Options of `bourse-backtest market` (docs/market-realism.md, "Offline").
struct market_options {
  market_setup_options setup;
  double minutes = 60;    ///< simulated minutes to run
  double latency_ms = 1;  ///< each way, bot to book and book to bot
  std::string trades_out; ///< CSV time_ns,price,qty; empty = not written
  std::string books_out; ///< CSV time_ns,bid,ask,depth (one sample per simulated second); empty = not written
  double interval_s = 60; ///< return interval of the realism table, seconds
  std::string reference = "node_modules/vega-datasets/data/sp500-2000.csv"; ///< real daily series
};

/// Simulates the fleet on one symbol (load_market_scenario, market_simulator), writes the CSVs asked
/// for and prints to `out` the run's speed, the realism table beside the reference series and one line
/// per bot. Returns 0; throws what load_market_scenario, the CSV writers or daily_close_facts throw.
int market_command(market_options o, std::ostream& out);

} // namespace bourse::bots
