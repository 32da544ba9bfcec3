#include "net/ws/ws_json.hpp"

#include "net/api/order_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace bourse::net::ws {

namespace {

boost::json::array levels(const std::vector<price_level_view>& side_levels) {
  boost::json::array out;
  out.reserve(side_levels.size());
  for (const auto& l : side_levels)
    out.push_back({{"price", l.price}, {"qty", l.qty}, {"orders", l.orders}});
  return out;
}

} // namespace

std::string channel_frame(std::string_view channel, std::string_view type, std::optional<std::uint64_t> seq,
                          boost::json::value data) {
  boost::json::object out{{"channel", channel}, {"type", type}};
  if (seq)
    out["seq"] = *seq;
  out["data"] = std::move(data);
  return boost::json::serialize(out);
}

std::string result_frame(const boost::json::value& id, boost::json::value data) {
  return boost::json::serialize(
      boost::json::object{{"id", id}, {"type", "result"}, {"data", std::move(data)}});
}

std::string error_frame(const boost::json::value& id, reason_code code, std::string_view message) {
  return boost::json::serialize(boost::json::object{{"id", id},
                                                    {"type", "error"},
                                                    {"code", to_string(code)},
                                                    {"message", message.empty() ? describe(code) : message}});
}

std::string bare_frame(std::string_view type, std::int64_t server_time_ms) {
  return boost::json::serialize(boost::json::object{{"type", type}, {"server_time_ms", server_time_ms}});
}

boost::json::value book_json(const l2_snapshot& snap) {
  return boost::json::object{
      {"symbol", snap.symbol}, {"bids", levels(snap.bids)}, {"asks", levels(snap.asks)}};
}

boost::json::value delta_json(const l2_delta& delta) {
  boost::json::array changes;
  changes.reserve(delta.changes.size());
  for (const auto& c : delta.changes)
    changes.push_back(
        {{"side", api::wire_name(c.book_side)}, {"price", c.price}, {"qty", c.qty}, {"orders", c.orders}});
  return boost::json::object{{"symbol", delta.symbol}, {"changes", std::move(changes)}};
}

boost::json::value trade_json(const trade_print& t) {
  return boost::json::object{{"symbol", t.symbol},
                             {"price", t.price},
                             {"qty", t.qty},
                             {"aggressor", api::wire_name(t.aggressor)},
                             {"time", t.time}};
}

boost::json::value ticker_json(const ticker& t, cents reference_price) {
  return boost::json::object{{"symbol", t.symbol},     {"last", t.last_price},
                             {"volume", t.day_volume}, {"reference_price", reference_price},
                             {"bid", t.top.bid_price}, {"bid_qty", t.top.bid_qty},
                             {"ask", t.top.ask_price}, {"ask_qty", t.top.ask_qty}};
}

boost::json::value candle_json(const candle& c) {
  return boost::json::object{{"open_time", c.open_time}, {"open", c.open},
                             {"high", c.high},           {"low", c.low},
                             {"close", c.close},         {"volume", c.volume}};
}

boost::json::value order_result_json(const order_result& r) {
  return boost::json::object{
      {"order_id", r.id}, {"client_order_id", r.client_order_id}, {"symbol", r.symbol}};
}

} // namespace bourse::net::ws
