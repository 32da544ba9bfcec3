#include "bots/strategy/whale.hpp"

#include <algorithm>
#include <stdexcept>

namespace bourse::bots {
namespace {

constexpr double ns_per_s = 1e9;

timestamp_ns seconds(double s) {
  return static_cast<timestamp_ns>(s * ns_per_s);
}

} // namespace

whale_params whale_params::from(param_reader& params) {
  whale_params p;
  p.parent_qty = static_cast<quantity>(params.get("parent_qty", static_cast<double>(p.parent_qty)));
  p.slices = static_cast<std::size_t>(params.get("slices", static_cast<double>(p.slices)));
  p.interval_s = params.get("interval_s", p.interval_s);
  p.iceberg = params.get("iceberg", 0.0) != 0.0;
  p.sweep_prob = params.get("sweep_prob", p.sweep_prob);
  p.sweep_mult = params.get("sweep_mult", p.sweep_mult);
  p.pause_s = params.get("pause_s", p.pause_s);
  p.seed = static_cast<std::uint64_t>(params.get("seed", static_cast<double>(p.seed)));
  if (p.parent_qty <= 0 || p.slices == 0 || static_cast<quantity>(p.slices) > p.parent_qty ||
      p.interval_s <= 0 || p.sweep_prob < 0 || p.sweep_prob > 1 || p.sweep_mult < 1 || p.pause_s < 0)
    throw std::invalid_argument("whale needs 0 < slices <= parent_qty, interval_s > 0, sweep_prob in [0,1]");
  return p;
}

whale_strategy::whale_strategy(whale_params params) : params_(params), rng_(params.seed) {
}

void whale_strategy::on_start(strategy_context& ctx) {
  ctx.set_timer(ctx.now());
}

void whale_strategy::start_parent() {
  side_ = std::bernoulli_distribution(0.5)(rng_) ? side::buy : side::sell;
  remaining_ = params_.parent_qty;
  iceberg_ref_ = 0;
}

void whale_strategy::on_timer(strategy_context& ctx, timestamp_ns now) {
  ctx.set_timer(now + seconds(params_.interval_s));
  if (remaining_ == 0)
    start_parent();
  const quantity slice = std::max<quantity>(1, params_.parent_qty / static_cast<quantity>(params_.slices));
  if (std::bernoulli_distribution(params_.sweep_prob)(rng_)) {
    const auto sweep =
        std::min(remaining_, static_cast<quantity>(static_cast<double>(slice) * params_.sweep_mult));
    check_child(ctx, ctx.send_market(side_, sweep), now);
    return;
  }
  check_child(ctx, params_.iceberg ? work_iceberg(ctx, slice) : work_twap(ctx, slice), now);
}

void whale_strategy::check_child(strategy_context& ctx, const order_ticket& child, timestamp_ns now) {
  if (child.reason == reason_code::max_position_exceeded)
    finish_parent(ctx, now);
}

void whale_strategy::finish_parent(strategy_context& ctx, timestamp_ns now) {
  remaining_ = 0;
  ctx.cancel_all();
  ctx.set_timer(now + seconds(params_.pause_s));
}

order_ticket whale_strategy::work_twap(strategy_context& ctx, quantity slice) {
  const auto& top = ctx.top();
  const cents price = side_ == side::buy ? top.ask_price : top.bid_price;
  if (price <= 0)
    return {};
  return ctx.send_limit(side_, price, std::min(slice, remaining_), time_in_force::ioc);
}

order_ticket whale_strategy::work_iceberg(strategy_context& ctx, quantity slice) {
  const auto open = ctx.open_orders();
  if (std::any_of(open.begin(), open.end(),
                  [&](const open_order& o) { return o.client_ref == iceberg_ref_; }))
    return {};
  const auto& top = ctx.top();
  const cents price = side_ == side::buy ? top.bid_price : top.ask_price;
  if (price <= 0)
    return {};
  order_request request;
  request.order_side = side_;
  request.price = price;
  request.qty = remaining_;
  request.display_qty = slice < remaining_ ? slice : 0;
  const auto ticket = ctx.send(request);
  if (ticket.ok())
    iceberg_ref_ = ticket.client_ref;
  return ticket;
}

void whale_strategy::on_fill(strategy_context& ctx, const fill_report& fill) {
  if (fill.order_side != side_ || remaining_ == 0)
    return;
  remaining_ = std::max<quantity>(0, remaining_ - fill.qty);
  if (remaining_ == 0)
    finish_parent(ctx, fill.time);
}

} // namespace bourse::bots
