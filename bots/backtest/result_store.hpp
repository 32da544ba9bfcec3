#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "bots/backtest/metrics.hpp"
#include "bots/strategy/strategy_params.hpp"

namespace bourse::bots {

/// One backtest run as a row of `backtest_results` (migrations 0004, 0009).
struct backtest_record {
  std::optional<std::int64_t> user_id; ///< users.id of who ran it; nullopt (NULL) from the command line
  std::string strategy;
  param_map parameters; ///< stored as a JSON object of numbers
  std::string symbol;
  timestamp_ns from = 0; ///< open time of the first bar, ns UTC
  timestamp_ns to = 0;   ///< open time of the last bar, ns UTC
  backtest_report report;
  boost::json::object metrics; ///< the JSON report (to_json) plus anything the caller adds
  timestamp_ns created = 0;    ///< when the run finished, ns UTC
};

/// Inserts `records` into `backtest_results` of the PostgreSQL at libpq URL `database` in one
/// transaction, after applying the bundled migrations (idempotent, as a node does at start).
/// Columns: pnl = final − starting equity (cents), max_drawdown = report.max_drawdown_cents,
/// trade_count, metrics = `metrics`. Returns the new row ids in order. Throws std::runtime_error
/// with the server's message; nothing is stored then.
std::vector<std::int64_t> store_backtests(const std::string& database,
                                          std::span<const backtest_record> records);

} // namespace bourse::bots
