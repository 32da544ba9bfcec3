#include "net/api/history_api.hpp"

#include "net/api/account_json.hpp"
#include "net/api/actor_bridge.hpp"
#include "net/api/blocking.hpp"
#include "net/api/market_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <variant>

namespace bourse::net::api {
namespace {

using boost::json::object;

constexpr std::int64_t default_rows = 100;
constexpr std::int64_t max_rows = 500;
constexpr std::array<std::string_view, 6> statuses{"OPEN",     "FILLED",  "CANCELED",
                                                   "REJECTED", "EXPIRED", "ALL"};

/// The filters of a history request, or the error response for a bad one.
std::variant<history_query, http::response> read_query(const http::request_context& ctx,
                                                       const instrument_table& instruments) {
  history_query q;
  q.account = ctx.user->user;
  q.symbol = query_text(ctx.req, "symbol");
  q.status = query_text(ctx.req, "status");
  auto limit = query_integer(ctx.req, "limit", default_rows);
  auto before = query_integer(ctx.req, "before_ns", q.before);
  if (!limit || *limit < 1 || *limit > max_rows)
    return http::error_response(reason_code::malformed_request, "limit must be 1..500");
  if (!before || *before < 1)
    return http::error_response(reason_code::malformed_request, "before_ns must be a positive integer");
  if (!q.symbol.empty() && !instruments.contains(q.symbol))
    return http::error_response(reason_code::unknown_symbol);
  if (!q.status.empty() && std::find(statuses.begin(), statuses.end(), q.status) == statuses.end())
    return http::error_response(reason_code::malformed_request,
                                "status must be OPEN, FILLED, CANCELED, REJECTED, EXPIRED or ALL");
  q.limit = *limit;
  q.before = *before;
  return q;
}

object execution_json(const execution_record& e) {
  return {{"symbol", e.symbol},       {"seq", e.seq},
          {"order_id", e.order},      {"client_order_id", e.client_order_id},
          {"side", e.side},           {"price", e.price},
          {"quantity", e.qty},        {"fee", e.fee},
          {"liquidity", e.liquidity}, {"time_ns", e.time}};
}

object history_json(const order_record& o) {
  return {{"order_id", o.order},
          {"client_order_id", o.client_order_id},
          {"symbol", o.symbol},
          {"side", o.side},
          {"price", o.price},
          {"quantity", o.qty},
          {"filled_quantity", o.filled},
          {"open_quantity", o.open_qty},
          {"status", o.status},
          {"reason", o.reason.empty() ? boost::json::value(nullptr) : boost::json::value(o.reason)},
          {"time_ns", o.time}};
}

object ledger_json(const ledger_record& l) {
  return {{"amount", l.amount},
          {"reason", l.reason},
          {"symbol", l.symbol.empty() ? boost::json::value(nullptr) : boost::json::value(l.symbol)},
          {"book_seq", l.book_seq == 0 ? boost::json::value(nullptr) : boost::json::value(l.book_seq)},
          {"journal_seq", l.journal_seq},
          {"time_ns", l.time}};
}

/// Answers a history request with `{key: [to_json(row)...]}` of the rows `fetch(query)` reads on the
/// blocking pool, or the error of a bad query.
template <class Fetch, class ToJson>
void answer_rows(const http::request_context& ctx, http::responder respond,
                 const instrument_table& instruments, boost::asio::thread_pool& pool, const char* key,
                 Fetch fetch, ToJson to_json) {
  auto query = read_query(ctx, instruments);
  if (auto* bad = std::get_if<http::response>(&query))
    return respond(std::move(*bad));
  run_blocking(pool, std::move(respond),
               [key, fetch, to_json, q = std::get<history_query>(std::move(query))] {
                 boost::json::array out;
                 for (const auto& row : fetch(q))
                   out.push_back(to_json(row));
                 return http::json_response(boost::json::serialize(object{{key, std::move(out)}}));
               });
}

} // namespace

history_api::history_api(caf::actor_system& sys, std::shared_ptr<placement> where,
                         std::shared_ptr<const instrument_registry> instruments,
                         std::chrono::milliseconds timeout, pg_history_store& store,
                         boost::asio::thread_pool& pool)
    : sys_(sys), where_(std::move(where)), instruments_(std::move(instruments)), timeout_(timeout),
      store_(store), pool_(pool) {
  // nop
}

void history_api::add_routes(http::router& routes) {
  routes.add(http::verb::get, "/api/v1/orders", permission::trade,
             [this](http::request_context ctx, http::responder respond) {
               orders(std::move(ctx), std::move(respond));
             });
  routes.add(http::verb::get, "/api/v1/executions", permission::trade,
             [this](http::request_context ctx, http::responder respond) {
               executions(std::move(ctx), std::move(respond));
             });
  routes.add(http::verb::get, "/api/v1/account/ledger", permission::trade,
             [this](http::request_context ctx, http::responder respond) {
               ledger(std::move(ctx), std::move(respond));
             });
}

void history_api::orders(http::request_context ctx, http::responder respond) {
  auto query = read_query(ctx, instruments_->current());
  if (auto* bad = std::get_if<http::response>(&query))
    return respond(std::move(*bad));
  auto q = std::get<history_query>(std::move(query));
  if (q.status.empty() || q.status == "OPEN")
    return open_orders(std::move(ctx), std::move(respond));
  run_blocking(pool_, std::move(respond), [this, q = std::move(q)] {
    boost::json::array out;
    for (const auto& o : store_.orders(q))
      out.push_back(history_json(o));
    return http::json_response(boost::json::serialize(object{{"orders", std::move(out)}}));
  });
}

void history_api::open_orders(http::request_context ctx, http::responder respond) {
  std::function<http::response(account_view&)> on_reply =
      [symbol = query_text(ctx.req, "symbol")](account_view& v) {
        boost::json::array orders;
        for (const auto& o : v.open_orders)
          if (symbol.empty() || o.symbol == symbol)
            orders.push_back(order_json(o));
        return http::json_response(boost::json::serialize(object{{"orders", std::move(orders)}}));
      };
  ask_actor<account_view>(sys_, where_->account(ctx.user->user), timeout_, std::move(respond), on_reply,
                          reason_code::unavailable, caf::get_atom::value, atoms::view::value);
}

void history_api::executions(http::request_context ctx, http::responder respond) {
  answer_rows(
      ctx, std::move(respond), instruments_->current(), pool_, "executions",
      [this](const history_query& q) { return store_.executions(q); }, execution_json);
}

void history_api::ledger(http::request_context ctx, http::responder respond) {
  answer_rows(
      ctx, std::move(respond), instruments_->current(), pool_, "ledger",
      [this](const history_query& q) { return store_.ledger(q); }, ledger_json);
}

} // namespace bourse::net::api
