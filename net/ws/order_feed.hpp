#pragma once

#include "actors/runtime/order_messages.hpp"

#include <boost/json/object.hpp>

#include <vector>

namespace bourse::net::ws {

/// The `orders` channel: order events derived from two successive account views (read after each
/// change the account pushes). A new open order is status OPEN; a smaller open quantity is
/// PARTIALLY_FILLED with filled_quantity; an order gone from the view is CLOSED (filled, cancelled
/// or expired: GET /orders tells which). Each event: {order_id, client_order_id, symbol, side, price,
/// open_quantity, status, filled_quantity?}, in order id order.
std::vector<boost::json::object> order_events(const account_view& before, const account_view& after);

/// A `fill` event of the `orders` channel: {symbol, seq, order_id, client_order_id, side, price,
/// quantity, fee, liquidity: MAKER|TAKER, time_ns}; the same fields as GET /api/v1/executions.
boost::json::object fill_json(const fill_notice& f);

} // namespace bourse::net::ws
