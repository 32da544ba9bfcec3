#include "bots/strategy/noise_trader.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bourse::bots {
namespace {

constexpr double ns_per_s = 1e9;

} // namespace

noise_trader_params noise_trader_params::from(param_reader& params) {
  noise_trader_params p;
  p.rate_per_s = params.get("rate_per_s", p.rate_per_s);
  p.min_qty = static_cast<quantity>(params.get("min_qty", static_cast<double>(p.min_qty)));
  p.max_qty = static_cast<quantity>(params.get("max_qty", static_cast<double>(p.max_qty)));
  p.market_prob = params.get("market_prob", p.market_prob);
  p.max_offset_ticks =
      static_cast<cents>(params.get("max_offset_ticks", static_cast<double>(p.max_offset_ticks)));
  p.lifetime_s = params.get("lifetime_s", p.lifetime_s);
  p.seed = static_cast<std::uint64_t>(params.get("seed", static_cast<double>(p.seed)));
  p.hawkes_alpha = params.get("hawkes_alpha", p.hawkes_alpha);
  p.hawkes_decay_s = params.get("hawkes_decay_s", p.hawkes_decay_s);
  p.max_rate_mult = params.get("max_rate_mult", p.max_rate_mult);
  if (p.hawkes_alpha < 0 || p.hawkes_decay_s <= 0 || p.max_rate_mult < 1)
    throw std::invalid_argument(
        "noise_trader needs hawkes_alpha >= 0, hawkes_decay_s > 0, max_rate_mult >= 1");
  if (p.rate_per_s <= 0 || p.min_qty <= 0 || p.max_qty < p.min_qty || p.market_prob < 0 ||
      p.market_prob > 1 || p.max_offset_ticks < 0 || p.lifetime_s <= 0)
    throw std::invalid_argument(
        "noise_trader needs rate_per_s > 0, 0 < min_qty <= max_qty, market_prob in [0,1]");
  return p;
}

noise_trader_strategy::noise_trader_strategy(noise_trader_params params)
    : params_(params), rng_(params.seed) {
}

void noise_trader_strategy::on_start(strategy_context& ctx) {
  schedule_next(ctx, ctx.now());
}

double noise_trader_strategy::excitation_at(timestamp_ns now) const noexcept {
  if (now <= excited_at_)
    return excitation_;
  return excitation_ * std::exp(-static_cast<double>(now - excited_at_) / ns_per_s / params_.hawkes_decay_s);
}

double noise_trader_strategy::intensity(timestamp_ns now) const noexcept {
  return std::min(params_.rate_per_s + excitation_at(now), params_.rate_per_s * params_.max_rate_mult);
}

void noise_trader_strategy::on_trade(strategy_context& ctx, const trade_print& trade) {
  const cents before = last_trade_price_;
  last_trade_price_ = trade.price;
  if (params_.hawkes_alpha <= 0 || before <= 0 || trade.price == before)
    return;
  const double move_bps =
      std::abs(std::log(static_cast<double>(trade.price) / static_cast<double>(before))) * 1e4;
  const timestamp_ns now = ctx.now();
  excitation_ = excitation_at(now) + params_.hawkes_alpha * move_bps;
  excited_at_ = now;
  schedule_next(ctx, now);
}

void noise_trader_strategy::schedule_next(strategy_context& ctx, timestamp_ns now) {
  std::exponential_distribution<double> gap_s(intensity(now));
  ctx.set_timer(now + 1 + static_cast<timestamp_ns>(gap_s(rng_) * ns_per_s));
}

void noise_trader_strategy::cancel_stale(strategy_context& ctx, timestamp_ns now) {
  const auto lifetime = static_cast<timestamp_ns>(params_.lifetime_s * ns_per_s);
  while (!resting_.empty() && resting_.front().at + lifetime <= now) {
    ctx.cancel(resting_.front().client_ref);
    resting_.pop_front();
  }
}

void noise_trader_strategy::on_timer(strategy_context& ctx, timestamp_ns now) {
  schedule_next(ctx, now);
  cancel_stale(ctx, now);
  const cents mid = ctx.quote_anchor();
  if (mid <= 0)
    return;
  const side s = std::bernoulli_distribution(0.5)(rng_) ? side::buy : side::sell;
  const quantity lot = ctx.rules().lot_size;
  const quantity qty =
      std::uniform_int_distribution<quantity>(params_.min_qty, params_.max_qty)(rng_) / lot * lot;
  if (qty <= 0)
    return;
  if (std::bernoulli_distribution(params_.market_prob)(rng_)) {
    ctx.send_market(s, qty);
    return;
  }
  const cents tick = ctx.rules().tick_size;
  const cents offset = std::uniform_int_distribution<cents>(0, params_.max_offset_ticks)(rng_) * tick;
  const cents base = mid / tick * tick;
  const cents price = s == side::buy ? base - offset : base + tick + offset;
  if (price <= 0)
    return;
  if (const auto ticket = ctx.send_limit(s, price, qty); ticket.ok())
    resting_.push_back({ticket.client_ref, now});
}

} // namespace bourse::bots
