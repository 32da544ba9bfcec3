#pragma once

#include <memory>
#include <random>

#include "bots/strategy/fundamental_source.hpp"
#include "bots/strategy/strategy.hpp"
#include "bots/strategy/strategy_params.hpp"

namespace bourse::bots {

/// Value-trader parameters: ratios in basis points, quantities in shares, times in seconds.
struct value_trader_params {
  double noise_bps = 100;    ///< std deviation of the trader's error on the fundamental, per decision
  double threshold_bps = 50; ///< trade only when the mid is this far from the (noisy) value
  quantity qty = 100;        ///< shares per decision
  quantity max_position = 1'000;
  double interval_s = 10; ///< time between decisions
  std::uint64_t seed = 1;
  /// Reads the fields by name; throws std::invalid_argument on a bad set.
  static value_trader_params from(param_reader& params);
};

/// Value trader: every interval, values the stock at fundamental(now) × (1 + N(0, noise)), where the
/// fundamental is a historical price path read as a step function at the historical time `now` stands
/// for (never ahead of it), and buys when the best ask is below / sells when the best bid is above that
/// view by more than the threshold, with an IOC limit at that best (a missing side is skipped).
class value_trader_strategy final : public strategy {
public:
  /// Throws std::invalid_argument without a fundamental path.
  value_trader_strategy(value_trader_params params, fundamental_source fundamental);
  void on_start(strategy_context& ctx) override;
  void on_timer(strategy_context& ctx, timestamp_ns now) override;

private:
  value_trader_params params_;
  fundamental_source fundamental_;
  std::mt19937_64 rng_;
};

} // namespace bourse::bots
