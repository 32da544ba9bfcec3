#pragma once

#include "actors/runtime/order_messages.hpp"

#include <boost/json/object.hpp>

namespace bourse::net::api {

/// Wire name of a risk state: ACTIVE, REDUCING, FROZEN.
std::string_view risk_state_name(risk_state s) noexcept;

/// One open order: {order_id, client_order_id, symbol, side, price, open_quantity, status:"OPEN"}.
boost::json::object order_json(const open_order_view& o);

/// GET /account and the `account` WebSocket channel: {id, state, cash:{free, reserved}, positions:
/// [{symbol, spot, spot_reserved}], open_orders}; cents and shares.
boost::json::object account_json(const account_view& v);

} // namespace bourse::net::api
