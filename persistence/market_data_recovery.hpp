#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "actors/book/book_actor.hpp"
#include "actors/market_data/market_data_actor.hpp"
#include "persistence/pg_connection.hpp"

namespace bourse {

/// How market-data recovery rebuilds each symbol's state.
struct market_data_recovery_config {
  /// Trades replayed: those from the start of the UTC day `window_days` days before the day of the
  /// symbol's last execution (0: that day only, so the day summary and last price are always whole;
  /// more days fill the longer candle histories). Closed candles older than the window are read
  /// back from the `candles` table instead (load_candles).
  std::int64_t window_days = 7;
  std::size_t depth = 10; ///< L2 levels per side taken from the book (book_actor_config::md_depth)
  credit_policy policy;   ///< of the recovered states' subscriber sets
  std::size_t candle_history = 1'000; ///< closed candles kept per interval (market_data_state)
};

/// Adds to `state`'s series the newest `history` closed candles per interval of its symbol that
/// open before `before` (ns UTC) from the `candles` table, oldest first (candle_series::restore);
/// returns how many.
pg_expected<std::size_t> load_candles(pg_connection& conn, market_data_state& state, timestamp_ns before,
                                      std::size_t history);

/// Writes the closed candles of `state` newer than the newest one the `candles` table holds per
/// interval (those whose write a crash lost; they were rebuilt from the executions) and returns how
/// many, so a later restart that puts them before the window still finds them.
pg_expected<std::size_t> store_lost_candles(pg_connection& conn, const market_data_state& state);

/// Replays into `state` every execution of its symbol with time_ns >= `from` (ns UTC) in book
/// sequence order through record_trade, as the live actor booked them; returns how many.
pg_expected<std::size_t> replay_executions(pg_connection& conn, market_data_state& state, timestamp_ns from);

/// Sets the depth of `state` to the top `depth` levels per side of `book`.
void take_depth(market_data_state& state, const book_state& book, std::size_t depth);

/// Rebuilds the market-data state of `symbol`: the closed candles older than the replay window from
/// the `candles` table, then candles, day summary and last price from the `executions` table (see
/// market_data_recovery_config::window_days), depth from `book` (null: empty; take_depth can add it
/// later). Writes back the closed candles the table lacks at its end (store_lost_candles).
pg_expected<std::shared_ptr<market_data_state>>
recover_symbol_market_data(pg_connection& conn, const std::string& symbol, const book_state* book,
                           const market_data_recovery_config& cfg);

/// Logs symbols, trades of their day summaries and the milliseconds `spent` rebuilding them (summed
/// over threads).
void log_market_data(const std::map<std::string, std::shared_ptr<market_data_state>>& states,
                     std::chrono::steady_clock::duration spent);

/// Rebuilds the market-data state of every symbol of `instruments`: candles, day summary and last
/// price from the executions, depth from the symbol's book in `books` (recover_symbol_market_data),
/// and logs them (log_market_data).
pg_expected<std::map<std::string, std::shared_ptr<market_data_state>>>
recover_market_data(pg_connection& conn, const instrument_table& instruments,
                    const std::map<std::string, std::shared_ptr<book_state>>& books,
                    const market_data_recovery_config& cfg = {});

} // namespace bourse
