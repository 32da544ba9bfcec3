#include "bots/strategy/risk_manager.hpp"

namespace bourse::bots {
namespace {

quantity magnitude(quantity q) noexcept {
  return q < 0 ? -q : q;
}

} // namespace

reason_code risk_manager::check(const order_request& order, const risk_inputs& in) {
  const auto reason = first_broken_rule(order, in);
  if (reason != reason_code::none)
    ++refused_;
  return reason;
}

reason_code risk_manager::first_broken_rule(const order_request& order, const risk_inputs& in) {
  if (killed_)
    return reason_code::max_loss_exceeded;
  if (in.now < cooldown_until_)
    return reason_code::loss_cooldown;
  if (limits_.max_order_qty > 0 && order.qty > limits_.max_order_qty)
    return reason_code::quantity_above_max;
  if (limits_.max_position > 0) {
    const quantity worst = order.order_side == side::buy ? in.position + in.open_buy_qty + order.qty
                                                         : in.position - in.open_sell_qty - order.qty;
    if (magnitude(worst) > limits_.max_position && magnitude(worst) > magnitude(in.position))
      return reason_code::max_position_exceeded;
  }
  if (limits_.max_spread_for_market > 0 && order.type == order_type::market) {
    const bool two_sided = in.top.bid_qty > 0 && in.top.ask_qty > 0;
    if (!two_sided || in.top.ask_price - in.top.bid_price > limits_.max_spread_for_market)
      return reason_code::spread_too_wide;
  }
  if (limits_.max_orders_per_window > 0) {
    while (!recent_orders_.empty() && recent_orders_.front() <= in.now - limits_.rate_window_ns)
      recent_orders_.pop_front();
    if (recent_orders_.size() >= limits_.max_orders_per_window)
      return reason_code::rate_limited;
    recent_orders_.push_back(in.now);
  }
  return reason_code::none;
}

void risk_manager::on_pnl(cents pnl, timestamp_ns now) noexcept {
  if (limits_.max_loss <= 0)
    return;
  if (limits_.loss_window_ns > 0) {
    const timestamp_ns window =
        now - ((now % limits_.loss_window_ns) + limits_.loss_window_ns) % limits_.loss_window_ns;
    if (window != window_start_) {
      window_start_ = window;
      baseline_ = pnl;
      killed_ = false;
    }
  }
  if (pnl <= baseline_ - limits_.max_loss)
    killed_ = true;
}

void risk_manager::on_closed_trade(cents realized, timestamp_ns now) noexcept {
  if (realized >= 0) {
    losing_streak_ = 0;
    return;
  }
  if (limits_.max_losing_streak == 0 || ++losing_streak_ < limits_.max_losing_streak)
    return;
  losing_streak_ = 0;
  cooldown_until_ = now + limits_.cooldown_ns;
}

} // namespace bourse::bots
