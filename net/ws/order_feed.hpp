#pragma once

#include "actors/runtime/order_messages.hpp"

#include <boost/json/object.hpp>

#include <vector>

namespace bourse::net::ws {

/// The `orders` channel without an account push hook: order events derived from two successive
/// account views (polled). A new open order is status OPEN; a smaller open quantity is
/// PARTIALLY_FILLED with filled_quantity; an order gone from the view is CLOSED (filled, cancelled
/// or expired: GET /orders tells which). Each event: {order_id, client_order_id, symbol, side, price,
/// open_quantity, status, filled_quantity?}, in order id order.
std::vector<boost::json::object> order_events(const account_view& before, const account_view& after);

/// Fill events derived from two successive account views (the view carries no executions): one per
/// symbol whose position (free + reserved shares) changed, {symbol, side: BUY|SELL, qty (shares > 0),
/// price?}, in symbol order. price (cents per share) is the total cash change (free + reserved) over
/// qty, rounded: the cash paid or received per share, fees included; it is left out when several symbols
/// changed between the views (the cash cannot be split) or the cash did not move.
std::vector<boost::json::object> fill_events(const account_view& before, const account_view& after);

} // namespace bourse::net::ws
