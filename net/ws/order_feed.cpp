#include "net/ws/order_feed.hpp"

#include "net/api/account_json.hpp"
#include "net/api/order_json.hpp"

#include <map>
#include <string>

namespace bourse::net::ws {

std::vector<boost::json::object> order_events(const account_view& before, const account_view& after) {
  std::map<order_id, const open_order_view*> old_orders;
  for (const auto& o : before.open_orders)
    old_orders.emplace(o.id, &o);
  std::map<order_id, boost::json::object> events;
  for (const auto& o : after.open_orders) {
    auto it = old_orders.find(o.id);
    if (it == old_orders.end()) {
      events.emplace(o.id, api::order_json(o));
      continue;
    }
    const auto* was = it->second;
    old_orders.erase(it);
    if (o.open_qty >= was->open_qty)
      continue;
    auto event = api::order_json(o);
    event["status"] = "PARTIALLY_FILLED";
    event["filled_quantity"] = was->open_qty - o.open_qty;
    events.emplace(o.id, std::move(event));
  }
  for (const auto& [id, was] : old_orders) {
    auto event = api::order_json(*was);
    event["status"] = "CLOSED";
    event["open_quantity"] = 0;
    events.emplace(id, std::move(event));
  }
  std::vector<boost::json::object> out;
  out.reserve(events.size());
  for (auto& [id, event] : events)
    out.push_back(std::move(event));
  return out;
}

boost::json::object fill_json(const fill_notice& f) {
  return {{"symbol", f.symbol},
          {"seq", f.seq},
          {"order_id", f.order},
          {"client_order_id", f.client_order_id},
          {"side", api::wire_name(f.order_side)},
          {"price", f.price},
          {"quantity", f.qty},
          {"fee", f.fee},
          {"liquidity", f.role == liquidity::maker ? "MAKER" : "TAKER"},
          {"time_ns", f.time}};
}

} // namespace bourse::net::ws
