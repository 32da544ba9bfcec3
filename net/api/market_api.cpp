#include "net/api/market_api.hpp"

#include "net/api/actor_bridge.hpp"
#include "net/api/instrument_json.hpp"
#include "net/api/order_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <array>
#include <charconv>

namespace bourse::net::api {

namespace {

constexpr std::int64_t default_depth = 20;
constexpr std::int64_t max_depth = 1000;

constexpr std::array<std::pair<std::string_view, std::int64_t>, 6> intervals = {
    {{"1s", 1}, {"1m", 60}, {"5m", 300}, {"15m", 900}, {"1h", 3600}, {"1d", 86400}}};

boost::json::array levels(const std::vector<price_level_view>& side_levels, std::int64_t depth) {
  boost::json::array out;
  for (std::size_t i = 0; i < side_levels.size() && static_cast<std::int64_t>(i) < depth; ++i)
    out.push_back(
        {{"price", side_levels[i].price}, {"qty", side_levels[i].qty}, {"orders", side_levels[i].orders}});
  return out;
}

} // namespace

std::string query_text(const http::request& req, std::string_view name) {
  auto target = boost::urls::parse_origin_form(req.target());
  if (!target)
    return {};
  auto params = target->params();
  auto it = params.find(name);
  return it == params.end() ? std::string() : std::string((*it).value);
}

std::optional<std::int64_t> query_integer(const http::request& req, std::string_view name,
                                          std::int64_t fallback) {
  auto text = query_text(req, name);
  if (text.empty())
    return fallback;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

market_api::market_api(caf::actor_system& sys, std::shared_ptr<placement> where,
                       std::shared_ptr<const instrument_registry> instruments,
                       std::chrono::milliseconds timeout)
    : sys_(sys), where_(std::move(where)), instruments_(std::move(instruments)), timeout_(timeout) {
  // nop
}

void market_api::add_routes(http::router& routes) {
  routes.add(http::verb::get, "/api/v1/instruments", permission::read_market,
             http::sync_handler([this](http::request_context&) { return instruments(); }));
  routes.add(http::verb::get, "/api/v1/markets/{symbol}/book", permission::read_market,
             [this](http::request_context ctx, http::responder respond) {
               book(std::move(ctx), std::move(respond));
             });
  routes.add(http::verb::get, "/api/v1/markets/{symbol}/candles", permission::read_market,
             [this](http::request_context ctx, http::responder respond) {
               candles(std::move(ctx), std::move(respond));
             });
}

http::response market_api::instruments() const {
  boost::json::array out;
  for (const auto& [symbol, inst] : instruments_->current())
    out.push_back(instrument_json(inst));
  return http::json_response(boost::json::serialize(boost::json::object{{"instruments", std::move(out)}}));
}

void market_api::book(http::request_context ctx, http::responder respond) {
  auto depth = query_integer(ctx.req, "depth", default_depth);
  if (!depth || *depth < 1 || *depth > max_depth)
    return respond(http::error_response(reason_code::malformed_request, "depth must be 1..1000"));
  std::function<http::response(l2_snapshot&)> on_reply = [depth = *depth](l2_snapshot& snap) {
    boost::json::object body{{"symbol", snap.symbol},
                             {"seq", snap.md_seq},
                             {"bids", levels(snap.bids, depth)},
                             {"asks", levels(snap.asks, depth)}};
    return http::json_response(boost::json::serialize(body));
  };
  ask_actor<l2_snapshot>(sys_, where_->market_data(ctx.param("symbol")), timeout_, std::move(respond),
                         on_reply, reason_code::unknown_symbol, caf::get_atom::value, atoms::snapshot::value);
}

void market_api::candles(http::request_context ctx, http::responder respond) {
  auto name = query_text(ctx.req, "interval");
  std::int64_t interval_s = 0;
  for (auto [text, seconds] : intervals)
    if (text == (name.empty() ? "1m" : name))
      interval_s = seconds;
  auto from = query_integer(ctx.req, "from", 0);
  auto to = query_integer(ctx.req, "to", std::numeric_limits<std::int64_t>::max());
  if (interval_s == 0 || !from || !to)
    return respond(http::error_response(reason_code::malformed_request, "interval, from or to is invalid"));
  std::function<http::response(std::vector<candle>&)> on_reply = [from = *from,
                                                                  to = *to](std::vector<candle>& cs) {
    boost::json::array out;
    for (const auto& c : cs)
      if (c.open_time >= from && c.open_time <= to)
        out.push_back({{"open_time", c.open_time},
                       {"open", c.open},
                       {"high", c.high},
                       {"low", c.low},
                       {"close", c.close},
                       {"volume", c.volume}});
    return http::json_response(boost::json::serialize(boost::json::object{{"candles", std::move(out)}}));
  };
  ask_actor<std::vector<candle>>(sys_, where_->market_data(ctx.param("symbol")), timeout_, std::move(respond),
                                 on_reply, reason_code::unknown_symbol, caf::get_atom::value,
                                 atoms::candles::value, interval_s);
}

} // namespace bourse::net::api
