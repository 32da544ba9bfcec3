#pragma once

#include <array>
#include <cstddef>

#include "actors/common/instrument.hpp"
#include "bots/data/bar.hpp"
#include "bots/strategy/risk_manager.hpp"

namespace bourse::bots {

/// Settings of one backtest. Money cents, quantities shares, times ns, fees basis points.
struct backtest_config {
  cents starting_cash = 10'000'000;
  basis_points maker_fee_bps = 0; ///< fee on the notional of fills where the strategy's order rested
  basis_points taker_fee_bps = 5; ///< fee on the notional of fills where the strategy's order took
  /// Orders and cancels sent while handling price point e become active at point e + latency_events
  /// (0 = at once, against the quotes the strategy just saw).
  std::size_t latency_events = 1;
  cents half_spread_ticks = 1;            ///< replay quotes sit this many ticks either side of the path price
  quantity replay_depth = 1'000'000;      ///< shares the replay shows at each of its levels
  std::size_t replay_levels = 1;          ///< replay price levels per side, one tick apart
  timestamp_ns bar_interval = ns_per_day; ///< a bar's length; its 4 path points are spaced by a quarter
  double periods_per_year = 252;          ///< bars per year, for Sharpe and Sortino
  /// true: push the path through the book only while the strategy has orders working (same results,
  /// see tests); false: re-quote the replay at every price point.
  bool lazy_replay = true;
  risk_limits risk;
  instrument rules = default_rules();

  /// A stock with tick 1 cent, lot 1 share, a ±50 % band re-centred on each bar's open and a max
  /// order size large enough for the replay.
  static instrument default_rules() {
    instrument rules;
    rules.symbol = "BT";
    rules.price_band_bps = 5'000;
    rules.max_quantity = 1'000'000'000;
    return rules;
  }
};

/// The intrabar path of a bar: bullish (close >= open) O→L→H→C, bearish O→H→L→C — the extreme
/// farther from the close comes first (MetaTrader's "OHLC" model). Prices in cents.
inline std::array<cents, 4> bar_path(const bar& b) noexcept {
  if (b.close >= b.open)
    return {b.open, b.low, b.high, b.close};
  return {b.open, b.high, b.low, b.close};
}

} // namespace bourse::bots
