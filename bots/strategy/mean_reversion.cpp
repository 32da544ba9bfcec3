#include "bots/strategy/mean_reversion.hpp"

#include <cmath>
#include <stdexcept>

#include "bots/strategy/target_position.hpp"

namespace bourse::bots {

mean_reversion_params mean_reversion_params::from(param_reader& params) {
  mean_reversion_params p;
  p.lookback = static_cast<std::size_t>(params.get("lookback", static_cast<double>(p.lookback)));
  p.entry_z = params.get("entry_z", p.entry_z);
  p.exit_z = params.get("exit_z", p.exit_z);
  p.qty = static_cast<quantity>(params.get("qty", static_cast<double>(p.qty)));
  p.allow_short = params.get("allow_short", 1.0) != 0.0;
  if (p.lookback < 2 || p.exit_z < 0 || p.entry_z <= p.exit_z || p.qty <= 0)
    throw std::invalid_argument("mean_reversion needs lookback >= 2, 0 <= exit_z < entry_z, qty > 0");
  return p;
}

mean_reversion_strategy::mean_reversion_strategy(mean_reversion_params params)
    : params_(params), window_(params.lookback) {
}

void mean_reversion_strategy::on_bar(strategy_context& ctx, const bar& completed) {
  window_.push(completed.close);
  const double sd = window_.stddev();
  if (!window_.full() || sd <= 0.0)
    return;
  const double z = (static_cast<double>(completed.close) - window_.mean()) / sd;
  if (z <= -params_.entry_z)
    trade_toward(ctx, params_.qty);
  else if (z >= params_.entry_z)
    trade_toward(ctx, params_.allow_short ? -params_.qty : 0);
  else if (std::abs(z) < params_.exit_z)
    trade_toward(ctx, 0);
}

} // namespace bourse::bots
