#pragma once

#include "bots/strategy/rolling_window.hpp"
#include "bots/strategy/strategy.hpp"
#include "bots/strategy/strategy_params.hpp"

namespace bourse::bots {

/// Mean-reversion parameters: window in bars, thresholds in standard deviations, quantity in shares.
struct mean_reversion_params {
  std::size_t lookback = 20;
  double entry_z = 2.0; ///< enter when |z| reaches this
  double exit_z = 0.5;  ///< go flat when |z| falls below this
  quantity qty = 100;
  bool allow_short = true;
  /// Reads lookback, entry_z, exit_z, qty, allow_short; throws std::invalid_argument on a bad set.
  static mean_reversion_params from(param_reader& params);
};

/// Mean reversion on bar closes: z = (close - SMA) / stddev over `lookback` bars. Buys `qty` when
/// z <= -entry_z, sells short when z >= entry_z, goes flat when |z| < exit_z (Bollinger-band style).
class mean_reversion_strategy final : public strategy {
public:
  explicit mean_reversion_strategy(mean_reversion_params params);
  void on_bar(strategy_context& ctx, const bar& completed) override;

private:
  mean_reversion_params params_;
  rolling_window window_;
};

} // namespace bourse::bots
