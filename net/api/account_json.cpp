#include "net/api/account_json.hpp"

#include "net/api/order_json.hpp"

#include "actors/account/margin.hpp"
#include "actors/common/checked_math.hpp"

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

namespace {

boost::json::value level_json(std::optional<basis_points> level) {
  return level ? boost::json::value(*level) : boost::json::value(nullptr);
}

boost::json::object position_json(const position_view& p) {
  return {{"symbol", p.symbol},
          {"mark_price", p.mark > 0 ? boost::json::value(p.mark) : boost::json::value(nullptr)},
          {"spot", p.spot},
          {"spot_reserved", p.spot_reserved},
          {"spot_avg_price", p.spot_average},
          {"margin", p.margin},
          {"margin_closing", p.margin_closing},
          {"margin_avg_price", p.margin_average},
          {"margin_posted", p.margin_posted},
          {"unrealized_pnl", p.unrealized_pnl},
          {"realized_pnl", p.realized_pnl}};
}

} // namespace

boost::json::object account_json(const account_view& v) {
  boost::json::array positions;
  cents unrealized = 0;
  cents realized = 0;
  for (const auto& p : v.positions) {
    positions.push_back(position_json(p));
    unrealized = saturating_add(unrealized, p.unrealized_pnl);
    realized = saturating_add(realized, p.realized_pnl);
  }
  boost::json::array orders;
  for (const auto& o : v.open_orders)
    orders.push_back(order_json(o));
  return {{"id", v.id},
          {"state", risk_state_name(v.state)},
          {"cash", {{"free", v.cash_free}, {"reserved", v.cash_reserved}, {"auction_held", v.auction_held}}},
          {"equity", v.equity},
          {"buying_power", v.cash_free},
          {"margin_level_bps", level_json(margin_level_bps(v.equity, v.margin_exposure))},
          {"maintenance_bps", level_json(margin_level_bps(v.maintenance, v.margin_exposure))},
          {"unrealized_pnl", unrealized},
          {"realized_pnl", realized},
          {"positions", std::move(positions)},
          {"open_orders", std::move(orders)}};
}

} // namespace bourse::net::api
