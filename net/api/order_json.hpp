#pragma once

#include "actors/account/margin.hpp"
#include "actors/runtime/order_messages.hpp"

#include <string>
#include <string_view>

namespace bourse::net::api {

/// The outcome of decode_new_order: code none and an order, or the first problem found.
struct decoded_order {
  reason_code code = reason_code::none;
  std::string message;
  new_order order;
};

/// Decodes a POST /orders body (or a WebSocket order.new) strictly into the account actor's
/// new_order: symbol, side BUY|SELL, type LIMIT|MARKET|STOP|STOP_LIMIT, price and stop_price (cents),
/// quantity and display_quantity (shares), time_in_force GTC|IOC|FOK|GTD|DAY, expire_time (ns UTC),
/// post_only, reduce_only, margin, stp_mode CANCEL_NEWEST|CANCEL_OLDEST|CANCEL_BOTH|DECREMENT,
/// client_order_id (1..2^53-1; generated when absent). Unknown fields and wrong types are
/// MALFORMED_REQUEST, a symbol outside instruments UNKNOWN_SYMBOL, a price off the tick OFF_TICK,
/// a quantity off the lot OFF_LOT; the account actor checks the rest (band, risk).
decoded_order decode_new_order(std::string_view body, const instrument_table& instruments);

/// Wire names of the order enums.
std::string_view wire_name(side s) noexcept;
std::string_view wire_name(order_type t) noexcept;
std::string_view wire_name(time_in_force t) noexcept;
std::string_view wire_name(stp_mode s) noexcept;

} // namespace bourse::net::api
