#include <algorithm>

#include "actors/account/account.hpp"
#include "actors/common/checked_math.hpp"

namespace bourse {
namespace {

constexpr bool is_market(order_type type) noexcept {
  return type == order_type::market || type == order_type::stop;
}

constexpr bool opens(order_intent intent) noexcept {
  return intent == order_intent::spot_buy || intent == order_intent::open_long ||
         intent == order_intent::open_short;
}

/// Spot orders stay spot; a margin order closes an opposite margin position, otherwise it opens one.
order_intent classify(side s, bool margin, const position& pos) noexcept {
  if (!margin)
    return s == side::buy ? order_intent::spot_buy : order_intent::spot_sell;
  if (s == side::buy)
    return pos.margin < 0 ? order_intent::close_short : order_intent::open_long;
  return pos.margin > 0 ? order_intent::close_long : order_intent::open_short;
}

/// Worst price the order can trade at for its reservation: buys pay at most their limit (market buys:
/// the band high); sells can trade up to the band high, which bounds a short's margin.
cents reservation_price(const instrument& inst, const order_request& request, order_intent intent) {
  if (buys(intent) && is_market(request.type))
    return band_high(inst);
  return bourse::reservation_price(intent, request.price, band_high(inst));
}

quantity pending(const account::order_map& orders, std::string_view symbol, order_intent a, order_intent b) {
  quantity total = 0;
  for (const auto& [ref, r] : orders)
    if (r.symbol == symbol && (r.intent == a || r.intent == b))
      total += r.open_qty;
  return total;
}

} // namespace

reason_code account::place(const instrument& inst, const order_request& request, bool margin) {
  if (orders_.contains(request.client_ref))
    return reason_code::duplicate_client_order_id;
  if (state_ == risk_state::halted)
    return reason_code::account_halted;
  if (request.qty <= 0)
    return reason_code::invalid_quantity;
  if ((is_market(request.type) ? band_high(inst) : request.price) <= 0)
    return reason_code::invalid_price;
  if (margin && !inst.margin_allowed)
    return reason_code::margin_not_allowed;
  if (orders_.size() >= limits_.max_open_orders)
    return reason_code::max_open_orders_exceeded;
  const position* existing = find_position(inst.symbol);
  const position& pos = existing != nullptr ? *existing : position{};
  const order_intent intent = classify(request.order_side, margin, pos);
  if (state_ == risk_state::reducing && opens(intent))
    return reason_code::account_reducing_only;
  if (const auto why = check_position(intent, inst.symbol, request.qty, pos); why != reason_code::none)
    return why;
  const bool margin_open = intent == order_intent::open_long || intent == order_intent::open_short;
  reservation r{.symbol = inst.symbol,
                .intent = intent,
                .price = reservation_price(inst, request, intent),
                .limit = request.price,
                .open_qty = request.qty,
                .fee_bps = std::max(inst.maker_fee_bps, inst.taker_fee_bps),
                .margin_bps = margin_open ? inst.initial_margin_bps : 0,
                .lot = std::max<quantity>(inst.lot_size, 1)};
  const auto cash = required_cash(r);
  if (!cash || !checked_notional(r.price, r.open_qty) || !fill_fee(r.price, r.open_qty, r.fee_bps))
    return reason_code::notional_overflow;
  if (*cash > free_)
    return margin_open ? reason_code::insufficient_margin : reason_code::insufficient_buying_power;

  position& held = position_of(inst.symbol);
  if (intent == order_intent::spot_sell) {
    held.spot -= request.qty;
    held.spot_reserved += request.qty;
  } else if (intent == order_intent::close_long || intent == order_intent::close_short) {
    held.margin_closing += request.qty;
  }
  r.cash = *cash;
  if (r.cash > 0)
    post({.reason = cash_reason::reserve,
          .client_ref = request.client_ref,
          .symbol = inst.symbol,
          .free = -r.cash,
          .reserved = r.cash});
  orders_.emplace(request.client_ref, std::move(r));
  return reason_code::none;
}

reason_code account::check_position(order_intent intent, std::string_view symbol, quantity qty,
                                    const position& pos) const {
  const quantity max = limits_.max_position;
  switch (intent) {
  case order_intent::spot_buy:
  case order_intent::open_long: {
    if (intent == order_intent::open_long &&
        pending(orders_, symbol, order_intent::open_short, order_intent::open_short) > 0)
      return reason_code::insufficient_position;
    const quantity held = pos.spot + pos.spot_reserved + std::max<quantity>(pos.margin, 0);
    const quantity buying = pending(orders_, symbol, order_intent::spot_buy, order_intent::open_long);
    return held > max || buying > max - held || qty > max - held - buying ? reason_code::max_position_exceeded
                                                                          : reason_code::none;
  }
  case order_intent::open_short: {
    if (pending(orders_, symbol, order_intent::open_long, order_intent::open_long) > 0)
      return reason_code::insufficient_position;
    const quantity shorted = std::max<quantity>(-pos.margin, 0);
    const quantity selling = pending(orders_, symbol, order_intent::open_short, order_intent::open_short);
    return shorted > max || selling > max - shorted || qty > max - shorted - selling
               ? reason_code::max_position_exceeded
               : reason_code::none;
  }
  case order_intent::spot_sell:
    return pos.spot < qty ? reason_code::insufficient_shares : reason_code::none;
  case order_intent::close_long:
  case order_intent::close_short: {
    const quantity open = pos.margin > 0 ? pos.margin : -pos.margin;
    return open - pos.margin_closing < qty ? reason_code::insufficient_position : reason_code::none;
  }
  }
  return reason_code::none;
}

} // namespace bourse
