#pragma once

#include "actors/book/order_request.hpp"
#include "actors/common/instrument.hpp"
#include "actors/common/reason_code.hpp"

namespace bourse {

/// Allowed limit prices [low, high] in cents: band_low / band_high of the instrument, computed once.
struct price_band {
  cents low = 0;
  cents high = 0;
};

/// The band of `rules` around its reference price (see band_low / band_high in instrument.hpp).
inline price_band band_of(const instrument& rules) noexcept {
  return {band_low(rules), band_high(rules)};
}

/// Static checks of a new order, in the order listed in docs/matching.md ("Validation"): quantity
/// (positive, lot, min, max), type and time in force, post-only, limit price (tick, band around
/// `rules.reference_price`, notional overflow), stop price, display quantity, expire time (ns UTC).
/// Returns reason_code::none when the order passes. Shared by every book implementation.
reason_code validate_order(const order_request& request, const instrument& rules, timestamp_ns now) noexcept;
/// The same checks against a precomputed `band` (must equal band_of(rules)): the fast book caches it.
reason_code validate_order(const order_request& request, const instrument& rules, price_band band,
                           timestamp_ns now) noexcept;

/// Checks the new limit price (cents) and open quantity (shares) of a replace; none when valid.
reason_code validate_replace(cents new_price, quantity new_open_qty, const instrument& rules) noexcept;
/// validate_replace against a precomputed `band` (must equal band_of(rules)).
reason_code validate_replace(cents new_price, quantity new_open_qty, const instrument& rules,
                             price_band band) noexcept;

/// True for STOP and STOP_LIMIT orders.
constexpr bool is_stop(order_type type) noexcept {
  return type == order_type::stop || type == order_type::stop_limit;
}

/// True when the order trades without a limit price (MARKET, or a triggered STOP).
constexpr bool is_market(order_type type) noexcept {
  return type == order_type::market || type == order_type::stop;
}

/// Worst price (cents) a taker may trade at: its limit price, or the band edge for MARKET and STOP.
cents taker_limit_price(const order_request& request, const instrument& rules) noexcept;
/// taker_limit_price against a precomputed `band` (must equal band_of(rules)).
cents taker_limit_price(const order_request& request, price_band band) noexcept;

/// Whether a stop order triggers at `last_trade_price` (cents; 0 = no trade yet never triggers):
/// buy stops when last >= stop price, sell stops when last <= stop price.
constexpr bool stop_triggers(const order_request& request, cents last_trade_price) noexcept {
  if (last_trade_price <= 0)
    return false;
  return request.order_side == side::buy ? last_trade_price >= request.stop_price
                                         : last_trade_price <= request.stop_price;
}

} // namespace bourse
