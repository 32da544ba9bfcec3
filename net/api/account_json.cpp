#include "net/api/account_json.hpp"

#include "net/api/order_json.hpp"

#include <boost/json/array.hpp>

namespace bourse::net::api {

std::string_view risk_state_name(risk_state s) noexcept {
  switch (s) {
  case risk_state::active:
    return "ACTIVE";
  case risk_state::reducing:
    return "REDUCING";
  case risk_state::halted:
    return "FROZEN";
  }
  return "ACTIVE";
}

boost::json::object order_json(const open_order_view& o) {
  return {{"order_id", o.id},   {"client_order_id", o.client_order_id},
          {"symbol", o.symbol}, {"side", wire_name(o.order_side)},
          {"price", o.price},   {"open_quantity", o.open_qty},
          {"status", "OPEN"}};
}

boost::json::object account_json(const account_view& v) {
  boost::json::array positions;
  for (const auto& p : v.positions)
    positions.push_back({{"symbol", p.symbol}, {"spot", p.free}, {"spot_reserved", p.reserved}});
  boost::json::array orders;
  for (const auto& o : v.open_orders)
    orders.push_back(order_json(o));
  return {{"id", v.id},
          {"state", risk_state_name(v.state)},
          {"cash", {{"free", v.cash_free}, {"reserved", v.cash_reserved}}},
          {"positions", std::move(positions)},
          {"open_orders", std::move(orders)}};
}

} // namespace bourse::net::api
