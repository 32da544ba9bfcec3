#pragma once

#include "actors/runtime/order_messages.hpp"

#include <boost/json/object.hpp>

namespace bourse::net::api {

/// Wire name of a risk state: ACTIVE, REDUCING, FROZEN.
std::string_view risk_state_name(risk_state s) noexcept;

/// One open order: {order_id, client_order_id, symbol, side, price, open_quantity, status:"OPEN"}.
boost::json::object order_json(const open_order_view& o);

/// GET /account and the `account` WebSocket channel: {id, state, cash:{free, reserved}, equity,
/// buying_power, margin_level_bps (null without margin positions), maintenance_bps (the level under
/// which liquidation starts; null likewise), unrealized_pnl, realized_pnl, positions:[{symbol,
/// mark_price (null when unknown), spot, spot_reserved, spot_avg_price, margin, margin_closing,
/// margin_avg_price, margin_posted, unrealized_pnl, realized_pnl}], open_orders}; cents and shares.
boost::json::object account_json(const account_view& v);

} // namespace bourse::net::api
