#include "bots/strategy/value_trader.hpp"

#include <stdexcept>

namespace bourse::bots {

value_trader_params value_trader_params::from(param_reader& params) {
  value_trader_params p;
  p.noise_bps = params.get("noise_bps", p.noise_bps);
  p.threshold_bps = params.get("threshold_bps", p.threshold_bps);
  p.qty = static_cast<quantity>(params.get("qty", static_cast<double>(p.qty)));
  p.max_position = static_cast<quantity>(params.get("max_position", static_cast<double>(p.max_position)));
  p.interval_s = params.get("interval_s", p.interval_s);
  p.seed = static_cast<std::uint64_t>(params.get("seed", static_cast<double>(p.seed)));
  if (p.noise_bps < 0 || p.threshold_bps < 0 || p.qty <= 0 || p.max_position < p.qty || p.interval_s <= 0)
    throw std::invalid_argument(
        "value_trader needs noise/threshold >= 0, 0 < qty <= max_position, interval_s > 0");
  return p;
}

value_trader_strategy::value_trader_strategy(value_trader_params params, fundamental_source fundamental)
    : params_(params), fundamental_(std::move(fundamental)), rng_(params.seed) {
  if (!fundamental_)
    throw std::invalid_argument("value_trader needs a fundamental price path");
}

void value_trader_strategy::on_start(strategy_context& ctx) {
  ctx.set_timer(ctx.now());
}

void value_trader_strategy::on_timer(strategy_context& ctx, timestamp_ns now) {
  ctx.set_timer(now + static_cast<timestamp_ns>(params_.interval_s * 1e9));
  const cents fundamental = fundamental_.at(now);
  const auto& top = ctx.top();
  if (fundamental <= 0)
    return;
  const double error =
      params_.noise_bps > 0 ? std::normal_distribution<double>(0.0, params_.noise_bps / 1e4)(rng_) : 0.0;
  const double view = static_cast<double>(fundamental) * (1.0 + error);
  const double band = view * params_.threshold_bps / 1e4;
  const quantity planned = ctx.position() + ctx.open_qty(side::buy) - ctx.open_qty(side::sell);
  if (top.ask_qty > 0 && static_cast<double>(top.ask_price) < view - band &&
      planned + params_.qty <= params_.max_position)
    ctx.send_limit(side::buy, top.ask_price, params_.qty, time_in_force::ioc);
  else if (top.bid_qty > 0 && static_cast<double>(top.bid_price) > view + band &&
           planned - params_.qty >= -params_.max_position)
    ctx.send_limit(side::sell, top.bid_price, params_.qty, time_in_force::ioc);
}

} // namespace bourse::bots
