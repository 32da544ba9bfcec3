#pragma once

#include "bots/strategy/rolling_window.hpp"
#include "bots/strategy/strategy.hpp"
#include "bots/strategy/strategy_params.hpp"

namespace bourse::bots {

/// Moving-average crossover parameters: windows in bars, quantity in shares.
struct momentum_params {
  std::size_t fast = 20;
  std::size_t slow = 50;
  quantity qty = 100;       ///< target position size
  bool allow_short = false; ///< below the slow average: short `qty` instead of flat
  /// Reads fast, slow, qty, allow_short (0/1); throws std::invalid_argument unless 0 < fast < slow.
  static momentum_params from(param_reader& params);
};

/// Momentum trader: long `qty` while the fast simple moving average of closes is above the slow one,
/// flat (or short) while below; trades with market orders on bar close.
class momentum_strategy final : public strategy {
public:
  explicit momentum_strategy(momentum_params params);
  void on_bar(strategy_context& ctx, const bar& completed) override;

private:
  momentum_params params_;
  rolling_window fast_;
  rolling_window slow_;
};

} // namespace bourse::bots
