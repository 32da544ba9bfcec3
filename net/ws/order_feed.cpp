#include "net/ws/order_feed.hpp"

#include "net/api/account_json.hpp"

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

std::vector<boost::json::object> fill_events(const account_view& before, const account_view& after) {
  std::map<std::string, quantity> moved;
  for (const auto& p : after.positions)
    moved[p.symbol] += p.free + p.reserved;
  for (const auto& p : before.positions)
    moved[p.symbol] -= p.free + p.reserved;
  std::erase_if(moved, [](const auto& entry) { return entry.second == 0; });
  cents paid = (before.cash_free + before.cash_reserved) - (after.cash_free + after.cash_reserved);
  std::vector<boost::json::object> out;
  for (const auto& [symbol, delta] : moved) {
    quantity qty = delta > 0 ? delta : -delta;
    boost::json::object event{{"symbol", symbol}, {"side", delta > 0 ? "BUY" : "SELL"}, {"qty", qty}};
    cents value = paid > 0 ? paid : -paid;
    if (moved.size() == 1 && value != 0)
      event["price"] = (value + qty / 2) / qty;
    out.push_back(std::move(event));
  }
  return out;
}

} // namespace bourse::net::ws
