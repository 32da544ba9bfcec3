#pragma once

#include "actors/common/types.hpp"

namespace bourse::bots {

/// One OHLCV candle. Prices in cents, volume in shares, `time` = start of the bar, ns UTC.
struct bar {
  timestamp_ns time = 0;
  cents open = 0;
  cents high = 0;
  cents low = 0;
  cents close = 0;
  quantity volume = 0;
  friend bool operator==(const bar&, const bar&) = default;
};

/// Nanoseconds in one UTC day.
inline constexpr timestamp_ns ns_per_day = 86'400'000'000'000;

} // namespace bourse::bots
