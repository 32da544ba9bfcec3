#include "bots/strategy/momentum.hpp"

#include <stdexcept>

#include "bots/strategy/target_position.hpp"

namespace bourse::bots {

momentum_params momentum_params::from(param_reader& params) {
  momentum_params p;
  p.fast = static_cast<std::size_t>(params.get("fast", static_cast<double>(p.fast)));
  p.slow = static_cast<std::size_t>(params.get("slow", static_cast<double>(p.slow)));
  p.qty = static_cast<quantity>(params.get("qty", static_cast<double>(p.qty)));
  p.allow_short = params.get("allow_short", 0.0) != 0.0;
  if (p.fast == 0 || p.fast >= p.slow || p.qty <= 0)
    throw std::invalid_argument("momentum needs 0 < fast < slow and qty > 0");
  return p;
}

momentum_strategy::momentum_strategy(momentum_params params)
    : params_(params), fast_(params.fast), slow_(params.slow) {
}

void momentum_strategy::on_bar(strategy_context& ctx, const bar& completed) {
  fast_.push(completed.close);
  slow_.push(completed.close);
  if (!slow_.full())
    return;
  // fast mean vs slow mean, compared exactly: sum_fast * slow vs sum_slow * fast
  const cents fast_scaled = fast_.sum() * static_cast<cents>(params_.slow);
  const cents slow_scaled = slow_.sum() * static_cast<cents>(params_.fast);
  if (fast_scaled == slow_scaled)
    return;
  const quantity target = fast_scaled > slow_scaled ? params_.qty : (params_.allow_short ? -params_.qty : 0);
  trade_toward(ctx, target);
}

} // namespace bourse::bots
