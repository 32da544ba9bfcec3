#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bots/data/bar.hpp"

namespace bourse::bots {

/// Which table of a node's PostgreSQL the bars come from.
enum class recorded_source {
  automatic, ///< `candles` when it has rows in the range, else bars built from `executions`
  candles,   ///< table `candles` (migration 0003) at the requested interval
  trades,    ///< table `executions` (migration 0002) bucketed into bars
};

/// What to read: one symbol, one bar interval, bar open times in [from, to] (ns UTC, inclusive).
struct recorded_query {
  std::string symbol;
  std::int64_t interval_s = 60;
  timestamp_ns from = 0;
  timestamp_ns to = std::numeric_limits<timestamp_ns>::max();
  recorded_source source = recorded_source::automatic;
};

/// Bars read from a node's database and the table they came from (never `automatic`).
struct recorded_bars {
  std::vector<bar> bars;
  recorded_source source = recorded_source::candles;
};

/// One recorded trade: ns UTC, cents, shares.
struct trade_tick {
  timestamp_ns time = 0;
  cents price = 0;
  quantity qty = 0;
};

/// Bars of `interval` ns from trades in time order: a bar per bucket [k·interval, (k+1)·interval)
/// that has trades (empty buckets are skipped, nothing is invented); open/close are the first/last
/// trade, volume the sum of quantities. Throws std::invalid_argument for interval ≤ 0 or trades
/// out of time order.
std::vector<bar> bars_from_trades(std::span<const trade_tick> trades, timestamp_ns interval);

/// Reads bars of `query` from the PostgreSQL at libpq URL `database`, oldest first. Throws
/// std::runtime_error with the server's message, or naming the first candle with
/// open/close outside [low, high] or a price ≤ 0.
recorded_bars read_recorded_bars(const std::string& database, const recorded_query& query);

/// A bar interval as text — digits and a unit s, m, h or d ("30s", "1m", "1h", "1d") — in seconds.
/// Throws std::invalid_argument for anything else or a zero interval.
std::int64_t parse_interval_s(std::string_view text);

/// "candles" or "trades" (the CLI's --source names; "auto" for automatic).
std::string_view source_name(recorded_source source) noexcept;

} // namespace bourse::bots
