#include "bots/strategy/market_maker.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "bots/strategy/tick_math.hpp"

namespace bourse::bots {
namespace {

constexpr double ns_per_s = 1e9;
constexpr double ewma_weight = 0.05;

quantity skewed_size(quantity base, quantity inventory, quantity max_inventory, bool adds) {
  if (!adds)
    return base;
  const quantity held = inventory < 0 ? -inventory : inventory;
  if (held >= max_inventory)
    return 0;
  return std::max<quantity>(1, base - base * held / max_inventory);
}

} // namespace

market_maker_params market_maker_params::from(param_reader& params) {
  market_maker_params p;
  p.gamma = params.get("gamma", p.gamma);
  p.k = params.get("k", p.k);
  p.sigma = params.get("sigma", p.sigma);
  p.horizon_s = params.get("horizon_s", p.horizon_s);
  p.refresh_s = params.get("refresh_s", p.refresh_s);
  p.levels = static_cast<std::size_t>(params.get("levels", static_cast<double>(p.levels)));
  p.level_spacing = static_cast<cents>(params.get("level_spacing", static_cast<double>(p.level_spacing)));
  p.qty = static_cast<quantity>(params.get("qty", static_cast<double>(p.qty)));
  p.max_inventory = static_cast<quantity>(params.get("max_inventory", static_cast<double>(p.max_inventory)));
  p.anchor_weight = params.get("anchor_weight", p.anchor_weight);
  if (p.gamma <= 0 || p.k <= 0 || p.horizon_s <= 0 || p.refresh_s <= 0 || p.levels == 0 || p.qty <= 0 ||
      p.max_inventory <= 0 || p.level_spacing <= 0 || p.anchor_weight < 0 || p.anchor_weight > 1)
    throw std::invalid_argument(
        "market_maker needs positive gamma, k, horizon_s, refresh_s, levels, qty; anchor_weight in [0,1]");
  return p;
}

quote_pair avellaneda_stoikov_quotes(const market_maker_params& p, double mid, quantity inventory,
                                     double sigma, double time_left_s, cents tick) {
  const double risk = p.gamma * sigma * sigma * time_left_s;
  const double reservation = mid - static_cast<double>(inventory) * risk;
  const double spread = risk + (2.0 / p.gamma) * std::log1p(p.gamma / p.k);
  quote_pair q{floor_to_tick(reservation - spread / 2, tick), ceil_to_tick(reservation + spread / 2, tick)};
  if (q.ask <= q.bid)
    q.ask = q.bid + tick;
  return q;
}

market_maker_strategy::market_maker_strategy(market_maker_params params) : params_(params) {
}

double market_maker_strategy::sigma() const noexcept {
  return params_.sigma > 0 ? params_.sigma : std::sqrt(variance_per_s_);
}

void market_maker_strategy::on_start(strategy_context& ctx) {
  start_ = ctx.now();
  ctx.set_timer(ctx.now());
}

void market_maker_strategy::update_sigma(cents mid, timestamp_ns now) {
  if (last_mid_ > 0 && now > last_time_) {
    const double move = static_cast<double>(mid - last_mid_);
    const double sample = move * move / (static_cast<double>(now - last_time_) / ns_per_s);
    variance_per_s_ =
        variance_per_s_ == 0.0 ? sample : (1 - ewma_weight) * variance_per_s_ + ewma_weight * sample;
  }
  last_mid_ = mid;
  last_time_ = now;
}

void market_maker_strategy::on_timer(strategy_context& ctx, timestamp_ns now) {
  ctx.set_timer(now + static_cast<timestamp_ns>(params_.refresh_s * ns_per_s));
  const cents anchor = ctx.quote_anchor();
  const cents fundamental = ctx.fundamental();
  if (anchor <= 0)
    return;
  const cents mid =
      fundamental > 0
          ? anchor + std::llround(params_.anchor_weight * static_cast<double>(fundamental - anchor))
          : anchor;
  update_sigma(mid, now);
  const auto horizon_ns = static_cast<timestamp_ns>(params_.horizon_s * ns_per_s);
  const double time_left_s = static_cast<double>(horizon_ns - (now - start_) % horizon_ns) / ns_per_s;
  const cents tick = ctx.rules().tick_size;
  const quantity q = ctx.position();
  const auto inner =
      avellaneda_stoikov_quotes(params_, static_cast<double>(mid), q, sigma(), time_left_s, tick);
  ctx.cancel_all();
  const quantity lot = ctx.rules().lot_size;
  const quantity bid_qty = skewed_size(params_.qty, q, params_.max_inventory, q >= 0) / lot * lot;
  const quantity ask_qty = skewed_size(params_.qty, q, params_.max_inventory, q <= 0) / lot * lot;
  for (std::size_t level = 0; level < params_.levels; ++level) {
    const cents offset = static_cast<cents>(level) * params_.level_spacing * tick;
    if (bid_qty > 0 && inner.bid - offset > 0)
      ctx.send_limit(side::buy, inner.bid - offset, bid_qty);
    if (ask_qty > 0)
      ctx.send_limit(side::sell, inner.ask + offset, ask_qty);
  }
}

} // namespace bourse::bots
