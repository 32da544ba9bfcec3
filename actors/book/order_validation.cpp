#include "actors/book/order_validation.hpp"

#include "actors/common/checked_math.hpp"

namespace bourse {

namespace {

reason_code check_quantity(quantity qty, const instrument& rules) noexcept {
  if (qty <= 0)
    return reason_code::invalid_quantity;
  if (rules.lot_size != 1 && qty % rules.lot_size != 0)
    return reason_code::off_lot;
  if (qty > rules.max_quantity)
    return reason_code::quantity_above_max;
  return reason_code::none;
}

reason_code check_limit_price(cents price, quantity qty, const instrument& rules, price_band band) noexcept {
  if (price <= 0)
    return reason_code::invalid_price;
  if (rules.tick_size != 1 && price % rules.tick_size != 0)
    return reason_code::off_tick;
  if (price < band.low || price > band.high)
    return reason_code::outside_price_band;
  if (!checked_notional(price, qty))
    return reason_code::notional_overflow;
  return reason_code::none;
}

} // namespace

reason_code validate_order(const order_request& request, const instrument& rules, timestamp_ns now) noexcept {
  return validate_order(request, rules, band_of(rules), now);
}

reason_code validate_order(const order_request& request, const instrument& rules, price_band band,
                           timestamp_ns now) noexcept {
  if (auto code = check_quantity(request.qty, rules); code != reason_code::none)
    return code;
  if (request.qty < rules.min_quantity)
    return reason_code::quantity_below_min;
  const bool has_limit = !is_market(request.type);
  const bool immediate = request.tif == time_in_force::ioc || request.tif == time_in_force::fok;
  if (!has_limit && !immediate)
    return reason_code::invalid_time_in_force;
  if (request.post_only && request.type != order_type::limit)
    return reason_code::post_only_not_limit;
  if (request.post_only && immediate)
    return reason_code::invalid_time_in_force;
  if (has_limit) {
    if (auto code = check_limit_price(request.price, request.qty, rules, band); code != reason_code::none)
      return code;
  } else if (request.price != 0) {
    return reason_code::invalid_price;
  }
  if (is_stop(request.type) ? request.stop_price <= 0 || request.stop_price % rules.tick_size != 0
                            : request.stop_price != 0)
    return reason_code::invalid_stop_price;
  if (request.display_qty != 0 &&
      (!has_limit || request.display_qty < 0 || request.display_qty > request.qty ||
       request.display_qty % rules.lot_size != 0))
    return reason_code::invalid_display_quantity;
  if (request.tif == time_in_force::gtd ? request.expire_time <= now : request.expire_time != 0)
    return reason_code::invalid_expire_time;
  return reason_code::none;
}

reason_code validate_replace(cents new_price, quantity new_open_qty, const instrument& rules) noexcept {
  return validate_replace(new_price, new_open_qty, rules, band_of(rules));
}

reason_code validate_replace(cents new_price, quantity new_open_qty, const instrument& rules,
                             price_band band) noexcept {
  if (auto code = check_quantity(new_open_qty, rules); code != reason_code::none)
    return code;
  return check_limit_price(new_price, new_open_qty, rules, band);
}

cents taker_limit_price(const order_request& request, const instrument& rules) noexcept {
  return taker_limit_price(request, band_of(rules));
}

cents taker_limit_price(const order_request& request, price_band band) noexcept {
  if (!is_market(request.type))
    return request.price;
  return request.order_side == side::buy ? band.high : band.low;
}

} // namespace bourse
