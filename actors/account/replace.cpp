#include <algorithm>

#include "actors/account/account.hpp"
#include "actors/common/checked_math.hpp"

namespace bourse {
namespace {

constexpr bool holds_shares(order_intent intent) noexcept {
  return intent == order_intent::spot_sell || intent == order_intent::close_long ||
         intent == order_intent::close_short;
}

constexpr bool opens_margin(order_intent intent) noexcept {
  return intent == order_intent::open_long || intent == order_intent::open_short;
}

constexpr bool opens(order_intent intent) noexcept {
  return intent == order_intent::spot_buy || opens_margin(intent);
}

/// Largest multiple of `lot` shares, at most `limit`, whose requirement at `price` fits in `budget` cents.
quantity affordable(const reservation& r, cents price, quantity limit, cents budget) {
  quantity lo = 0;
  quantity hi = limit / r.lot;
  while (lo < hi) {
    const quantity mid = lo + (hi - lo + 1) / 2;
    const auto need = required_cash(r.intent, price, mid * r.lot, r.fee_bps, r.margin_bps, r.lot);
    if (need && *need <= budget)
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo * r.lot;
}

} // namespace

reason_code account::prepare_replace(const instrument& inst, std::uint64_t client_ref, cents new_price,
                                     quantity new_open_qty) {
  const auto it = orders_.find(client_ref);
  if (it == orders_.end())
    return reason_code::unknown_order;
  reservation& r = it->second;
  if (r.replace_price != 0)
    return reason_code::replace_not_allowed;
  if (state_ == risk_state::halted)
    return reason_code::account_halted;
  if (new_open_qty <= 0)
    return reason_code::invalid_quantity;
  if (new_price <= 0)
    return reason_code::invalid_price;
  const quantity grow = new_open_qty - r.open_qty;
  if (grow > 0) {
    if (state_ == risk_state::reducing && opens(r.intent))
      return reason_code::account_reducing_only;
    const position* existing = find_position(r.symbol);
    const reason_code why = check_position(r.intent, r.symbol, grow, existing ? *existing : position{});
    if (why != reason_code::none)
      return why;
  }
  reservation next = r;
  next.replace_price = reservation_price(r.intent, new_price, band_high(inst));
  next.replace_qty = new_open_qty;
  next.replace_held = holds_shares(r.intent) ? std::max<quantity>(grow, 0) : 0;
  const auto cash = required_cash(next);
  if (!cash || !checked_notional(next.replace_price, new_open_qty) ||
      !fill_fee(next.replace_price, new_open_qty, r.fee_bps))
    return reason_code::notional_overflow;
  const cents extra = std::max<cents>(*cash - r.cash, 0);
  if (extra > free_)
    return opens_margin(r.intent) ? reason_code::insufficient_margin : reason_code::insufficient_buying_power;
  unreserve_shares(next, -next.replace_held);
  next.cash += extra;
  r = std::move(next);
  if (extra > 0)
    post({.reason = cash_reason::reserve,
          .client_ref = client_ref,
          .symbol = r.symbol,
          .free = -extra,
          .reserved = extra});
  return reason_code::none;
}

reason_code account::apply_replace(const instrument& inst, std::uint64_t client_ref, cents new_price,
                                   quantity new_open_qty) {
  const auto it = orders_.find(client_ref);
  if (it == orders_.end())
    return reason_code::unknown_order;
  reservation& r = it->second;
  if (new_open_qty <= 0)
    return reason_code::invalid_quantity;
  const cents price = reservation_price(r.intent, new_price, band_high(inst));
  if (!required_cash(r.intent, price, new_open_qty, r.fee_bps, r.margin_bps, r.lot) ||
      !fill_fee(price, new_open_qty, r.fee_bps))
    return reason_code::notional_overflow;
  reason_code cut = reason_code::none;
  quantity covered = new_open_qty;
  if (holds_shares(r.intent)) {
    const quantity held = r.open_qty + r.replace_held;
    const quantity can_hold = held + holdable_shares(r);
    if (can_hold < covered) {
      covered = can_hold / r.lot * r.lot;
      cut = r.intent == order_intent::spot_sell ? reason_code::insufficient_shares
                                                : reason_code::insufficient_position;
    }
    unreserve_shares(r, held - covered);
  }
  r.replace_price = 0;
  r.replace_qty = 0;
  r.replace_held = 0;
  r.price = price;
  r.limit = new_price;
  r.open_qty = covered;
  const cents need = *required_cash(r);
  if (need > r.cash + free_) {
    r.open_qty = affordable(r, price, covered, r.cash + free_);
    if (holds_shares(r.intent))
      unreserve_shares(r, covered - r.open_qty);
    cut = opens_margin(r.intent) ? reason_code::insufficient_margin : reason_code::insufficient_buying_power;
  }
  const cents shortfall = *required_cash(r) - r.cash;
  if (shortfall > 0) {
    r.cash += shortfall;
    post({.reason = cash_reason::reserve,
          .client_ref = client_ref,
          .symbol = r.symbol,
          .free = -shortfall,
          .reserved = shortfall});
  }
  release_excess(client_ref, r);
  if (r.open_qty == 0)
    orders_.erase(it);
  return cut;
}

reason_code account::abort_replace(std::uint64_t client_ref) {
  const auto it = orders_.find(client_ref);
  if (it == orders_.end() || it->second.replace_price == 0)
    return reason_code::unknown_order;
  drop_replace(it->second);
  release_excess(client_ref, it->second);
  return reason_code::none;
}

quantity account::holdable_shares(const reservation& r) const {
  const position* pos = find_position(r.symbol);
  if (pos == nullptr)
    return 0;
  if (r.intent == order_intent::spot_sell)
    return pos->spot;
  return (pos->margin < 0 ? -pos->margin : pos->margin) - pos->margin_closing;
}

void account::drop_replace(reservation& r) {
  unreserve_shares(r, r.replace_held);
  r.replace_price = 0;
  r.replace_qty = 0;
  r.replace_held = 0;
}

} // namespace bourse
