#include "net/api/overview_api.hpp"
#include "actors/runtime/spawn_task.hpp"

#include "net/api/actor_bridge.hpp"
#include "net/api/gather.hpp"
#include "net/api/market_api.hpp"
#include "net/api/marks.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <map>

namespace bourse::net::api {

namespace {

using boost::json::object;

constexpr std::int64_t default_trades = 50;
constexpr std::int64_t max_trades = 500;

} // namespace

overview_api::overview_api(caf::actor_system& sys, std::shared_ptr<placement> where,
                           std::shared_ptr<const instrument_registry> instruments, trade_tape_actor tape,
                           std::chrono::milliseconds timeout)
    : sys_(sys), where_(std::move(where)), instruments_(std::move(instruments)), tape_(std::move(tape)),
      timeout_(timeout) {
  // nop
}

void overview_api::add_routes(http::router& routes) {
  routes.add(http::verb::get, "/api/v1/ticker", permission::read_market,
             [this](http::request_context, http::responder respond) { tickers(std::move(respond)); });
  routes.add(http::verb::get, "/api/v1/markets/{symbol}/trades", permission::read_market,
             [this](http::request_context ctx, http::responder respond) {
               trades(std::move(ctx), std::move(respond));
             });
}

void overview_api::tickers(http::responder respond) {
  struct row {
    l2_snapshot book;
    daily_summary day;
  };
  auto rows = std::make_shared<std::map<std::string, row>>();
  auto g = std::make_shared<gather>();
  g->respond = std::move(respond);
  g->done = [rows, where = where_, instruments = instruments_] {
    boost::json::array out;
    for (const auto& [symbol, r] : *rows) {
      auto reference = reference_of(*where, instruments->current(), symbol);
      object t{{"symbol", symbol},
               {"bid", r.book.bids.empty() ? 0 : r.book.bids.front().price},
               {"bid_qty", r.book.bids.empty() ? 0 : r.book.bids.front().qty},
               {"ask", r.book.asks.empty() ? 0 : r.book.asks.front().price},
               {"ask_qty", r.book.asks.empty() ? 0 : r.book.asks.front().qty},
               {"last", r.day.last},
               {"reference_price", reference},
               {"change", r.day.last == 0 ? 0 : r.day.last - reference},
               {"volume", r.day.volume}};
      out.push_back(std::move(t));
    }
    return http::json_response(boost::json::serialize(object{{"tickers", std::move(out)}}));
  };
  std::vector<std::pair<std::string, market_data_actor>> sources;
  for (const auto& symbol : where_->symbols())
    if (auto md = where_->market_data(symbol))
      sources.emplace_back(symbol, md);
  spawn_task(sys_, [g, rows, sources, timeout = timeout_](caf::event_based_actor* self) {
    for (const auto& [symbol, md] : sources) {
      g->pending += 2;
      auto on_error = [g](caf::error& err) { g->fail(err); };
      self->request(md, timeout, caf::get_atom::value, atoms::snapshot::value)
          .then([g, rows, sym = symbol](l2_snapshot& s) { (*rows)[sym].book = std::move(s), g->arrive(); },
                on_error);
      self->request(md, timeout, caf::get_atom::value, atoms::summary::value)
          .then([g, rows, sym = symbol](daily_summary& d) { (*rows)[sym].day = std::move(d), g->arrive(); },
                on_error);
    }
    g->arrive();
  });
}

void overview_api::trades(http::request_context ctx, http::responder respond) {
  auto limit = query_integer(ctx.req, "limit", default_trades);
  if (!limit || *limit < 1 || *limit > max_trades)
    return respond(http::error_response(reason_code::malformed_request, "limit must be 1..500"));
  auto symbol = std::string(ctx.param("symbol"));
  if (!instruments_->current().contains(symbol))
    return respond(http::error_response(reason_code::unknown_symbol));
  std::function<http::response(std::vector<trade_print>&)> on_reply = [symbol](std::vector<trade_print>& ts) {
    boost::json::array out;
    for (const auto& t : ts)
      out.push_back({{"price", t.price},
                     {"qty", t.qty},
                     {"aggressor", t.aggressor == side::buy ? "BUY" : "SELL"},
                     {"time", t.time},
                     {"seq", t.book_seq}});
    return http::json_response(
        boost::json::serialize(object{{"symbol", symbol}, {"trades", std::move(out)}}));
  };
  ask_actor<std::vector<trade_print>>(sys_, tape_, timeout_, std::move(respond), on_reply,
                                      reason_code::unavailable, caf::get_atom::value, tape_atom::value,
                                      symbol, *limit);
}

} // namespace bourse::net::api
