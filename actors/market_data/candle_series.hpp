#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <vector>

#include "actors/runtime/md_messages.hpp"

namespace bourse {

/// The candle intervals every market-data actor keeps, seconds: 1s, 1m, 5m, 15m, 1h, 1d.
inline constexpr std::int64_t candle_intervals_s[] = {1, 60, 300, 900, 3'600, 86'400};

/// OHLCV candles of one symbol at one interval, built from trades. Buckets start at multiples of
/// the interval since the Unix epoch (UTC); buckets without trades produce no candle.
class candle_series {
public:
  /// `history` bounds how many closed candles are kept.
  candle_series(std::string symbol, std::int64_t interval_s, std::size_t history);

  /// Adds a trade (time ns UTC, price cents, quantity shares); returns the candle it closed, if the
  /// trade opened a new bucket.
  std::optional<candle> add(timestamp_ns time, cents price, quantity qty);

  /// Appends a closed candle older than every trade still to come (recovery: candles read back
  /// from the `candles` table, oldest first); the series keeps the newest `history`.
  void restore(const candle& closed);

  /// Closed candles oldest first (at most `history`).
  const std::deque<candle>& closed() const noexcept { return closed_; }

  /// Closed candles oldest first, then the open one.
  std::vector<candle> candles() const;

  std::int64_t interval_s() const noexcept { return interval_s_; }

private:
  std::string symbol_;
  std::int64_t interval_s_;
  std::size_t history_;
  std::deque<candle> closed_;
  std::optional<candle> open_;
};

} // namespace bourse
