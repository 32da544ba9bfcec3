#include "bots/strategy/strategy_context.hpp"

#include <algorithm>

namespace bourse::bots {

strategy_context::strategy_context(instrument rules, account_id owner, cents starting_cash,
                                   risk_limits limits, order_sink& sink)
    : rules_(std::move(rules)), owner_(owner), sink_(sink), ledger_(starting_cash), risk_(limits) {
}

order_ticket strategy_context::send(order_request request) {
  const risk_inputs inputs{now_, ledger_.position(), open_qty(side::buy), open_qty(side::sell), top_};
  if (const auto reason = risk_.check(request, inputs); reason != reason_code::none) {
    sink_.refused(request, reason);
    return {0, reason};
  }
  request.owner = owner_;
  request.client_ref = next_ref_++;
  open_.push_back({request.client_ref, request.order_side, request.type, request.price, request.qty});
  sink_.submit(request);
  return {request.client_ref, reason_code::none};
}

order_ticket strategy_context::send_limit(side s, cents price, quantity qty, time_in_force tif) {
  order_request request;
  request.order_side = s;
  request.type = order_type::limit;
  request.tif = tif;
  request.price = price;
  request.qty = qty;
  return send(request);
}

order_ticket strategy_context::send_market(side s, quantity qty) {
  order_request request;
  request.order_side = s;
  request.type = order_type::market;
  request.tif = time_in_force::ioc;
  request.qty = qty;
  return send(request);
}

void strategy_context::cancel(std::uint64_t client_ref) {
  const auto it = std::find_if(open_.begin(), open_.end(),
                               [&](const open_order& o) { return o.client_ref == client_ref; });
  if (it != open_.end())
    sink_.cancel(client_ref);
}

void strategy_context::cancel_all() {
  for (const auto& order : open_)
    sink_.cancel(order.client_ref);
}

cents strategy_context::mark() const noexcept {
  if (top_.bid_qty > 0 && top_.ask_qty > 0)
    return (top_.bid_price + top_.ask_price) / 2;
  return last_price_;
}

cents strategy_context::fundamental() const noexcept {
  const cents value = fundamental_.at(now_);
  return value > 0 ? value : rules_.reference_price;
}

cents strategy_context::quote_anchor() const noexcept {
  if (top_.bid_qty > 0 && top_.ask_qty > 0)
    return (top_.bid_price + top_.ask_price) / 2;
  if (last_price_ > 0)
    return last_price_;
  return fundamental();
}

quantity strategy_context::open_qty(side s) const noexcept {
  quantity total = 0;
  for (const auto& order : open_)
    if (order.order_side == s)
      total += order.open_qty;
  return total;
}

fill_outcome strategy_context::on_fill(const fill_report& fill) {
  last_price_ = fill.price;
  const auto outcome = ledger_.apply_fill(fill.order_side, fill.price, fill.qty, fill.fee);
  if (outcome.closed)
    risk_.on_closed_trade(outcome.realized, fill.time);
  const auto it = std::find_if(open_.begin(), open_.end(),
                               [&](const open_order& o) { return o.client_ref == fill.client_ref; });
  if (it != open_.end()) {
    it->open_qty = fill.remaining;
    if (fill.remaining == 0)
      open_.erase(it);
  }
  enforce_kill_switch();
  return outcome;
}

void strategy_context::on_order_closed(std::uint64_t client_ref) noexcept {
  std::erase_if(open_, [&](const open_order& o) { return o.client_ref == client_ref; });
}

void strategy_context::enforce_kill_switch() {
  if (risk_.limits().max_loss == 0)
    return;
  const bool was_killed = risk_.killed();
  risk_.on_pnl(pnl(), now_);
  if (!was_killed && risk_.killed())
    cancel_all();
}

} // namespace bourse::bots
