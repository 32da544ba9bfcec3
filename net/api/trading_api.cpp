#include "net/api/trading_api.hpp"
#include "actors/runtime/spawn_task.hpp"

#include "net/api/account_json.hpp"
#include "net/api/actor_bridge.hpp"
#include "net/api/json_fields.hpp"
#include "net/api/market_api.hpp"
#include "net/api/order_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>

namespace bourse::net::api {

namespace {

using boost::json::object;

std::optional<std::uint64_t> id_param(const http::request_context& ctx, std::string_view name) {
  auto text = ctx.param(name);
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value == 0)
    return std::nullopt;
  return value;
}

http::response result_response(const order_result& r, http::status ok_status) {
  if (r.reason != reason_code::none)
    return http::error_response(r.reason);
  object body{{"order_id", r.id}, {"client_order_id", r.client_order_id}, {"symbol", r.symbol}};
  return http::json_response(boost::json::serialize(body), ok_status);
}

} // namespace

trading_api::trading_api(caf::actor_system& sys, std::shared_ptr<placement> where,
                         std::shared_ptr<const instrument_registry> instruments,
                         std::chrono::milliseconds timeout)
    : sys_(sys), where_(std::move(where)), instruments_(std::move(instruments)), timeout_(timeout) {
  // nop
}

void trading_api::add_routes(http::router& routes) {
  auto route = [&](http::verb method, std::string pattern, permission needs, auto member) {
    routes.add(method, std::move(pattern), needs,
               [this, member](http::request_context ctx, http::responder respond) {
                 member(this, std::move(ctx), std::move(respond));
               });
  };
  using ctx_t = http::request_context;
  using resp_t = http::responder;
  route(http::verb::post, "/api/v1/orders", permission::trade,
        [](trading_api* self, ctx_t c, resp_t r) { self->place(std::move(c), std::move(r)); });
  route(http::verb::get, "/api/v1/orders/{id}", permission::trade,
        [](trading_api* self, ctx_t c, resp_t r) { self->order(std::move(c), std::move(r), false); });
  route(http::verb::delete_, "/api/v1/orders/{id}", permission::trade,
        [](trading_api* self, ctx_t c, resp_t r) { self->order(std::move(c), std::move(r), true); });
  route(http::verb::patch, "/api/v1/orders/{id}", permission::trade,
        [](trading_api* self, ctx_t c, resp_t r) { self->replace(std::move(c), std::move(r)); });
  route(http::verb::delete_, "/api/v1/orders", permission::trade,
        [](trading_api* self, ctx_t c, resp_t r) { self->cancel_all(std::move(c), std::move(r)); });
  route(http::verb::post, "/api/v1/admin/instruments/{symbol}/halt", permission::administer,
        [](trading_api* self, ctx_t c, resp_t r) { self->halt(std::move(c), std::move(r), true); });
  route(http::verb::post, "/api/v1/admin/instruments/{symbol}/resume", permission::administer,
        [](trading_api* self, ctx_t c, resp_t r) { self->halt(std::move(c), std::move(r), false); });
  route(http::verb::post, "/api/v1/admin/accounts/{id}/deposits", permission::administer,
        [](trading_api* self, ctx_t c, resp_t r) { self->deposit(std::move(c), std::move(r)); });
  route(http::verb::post, "/api/v1/admin/accounts/{id}/freeze", permission::administer,
        [](trading_api* self, ctx_t c, resp_t r) { self->freeze(std::move(c), std::move(r), true); });
  route(http::verb::post, "/api/v1/admin/accounts/{id}/unfreeze", permission::administer,
        [](trading_api* self, ctx_t c, resp_t r) { self->freeze(std::move(c), std::move(r), false); });
}

void trading_api::place(http::request_context ctx, http::responder respond) {
  auto decoded = decode_new_order(ctx.req.body(), instruments_->current());
  if (decoded.code != reason_code::none)
    return respond(http::error_response(decoded.code, decoded.message));
  std::function<http::response(order_result&)> on_reply = [](order_result& r) {
    return result_response(r, http::status::created);
  };
  ask_actor<order_result>(sys_, where_->account(ctx.user->user), timeout_, std::move(respond), on_reply,
                          reason_code::unavailable, atoms::place::value, std::move(decoded.order));
}

void trading_api::order(http::request_context ctx, http::responder respond, bool cancel) {
  auto id = id_param(ctx, "id");
  if (!id)
    return respond(
        http::error_response(reason_code::malformed_request, "order id must be a positive integer"));
  auto account = where_->account(ctx.user->user);
  if (!account)
    return respond(http::error_response(reason_code::unavailable));
  // The account cancels by (symbol, client_order_id): look the order up in its view first.
  spawn_task(sys_, [account, id = *id, cancel, respond, timeout = timeout_](caf::event_based_actor* self) {
    self->request(account, timeout, caf::get_atom::value, atoms::view::value)
        .then(
            [=](account_view& v) {
              auto it = std::find_if(v.open_orders.begin(), v.open_orders.end(),
                                     [&](const open_order_view& o) { return o.id == id; });
              if (it == v.open_orders.end())
                return respond(http::error_response(reason_code::unknown_order));
              if (!cancel)
                return respond(http::json_response(boost::json::serialize(order_json(*it))));
              self->request(account, timeout, atoms::cancel::value, it->symbol, it->client_order_id)
                  .then([=](order_result& r) { respond(result_response(r, http::status::ok)); },
                        [=](caf::error& err) { respond(http::error_response(to_reason(err))); });
            },
            [=](caf::error& err) { respond(http::error_response(to_reason(err))); });
  });
}

void trading_api::replace(http::request_context ctx, http::responder respond) {
  auto id = id_param(ctx, "id");
  json_fields fields(ctx.req.body(), {"price", "quantity"});
  auto price = fields.integer("price");
  auto qty = fields.integer("quantity");
  if (!id)
    fields.fail(reason_code::malformed_request, "order id must be a positive integer");
  if (!fields.ok())
    return respond(http::error_response(fields.code(), fields.message()));
  auto account = where_->account(ctx.user->user);
  if (!account)
    return respond(http::error_response(reason_code::unavailable));
  // The account replaces by (symbol, client_order_id): look the order up in its view first.
  spawn_task(sys_,
             [account, id = *id, price, qty, respond, timeout = timeout_](caf::event_based_actor* self) {
               self->request(account, timeout, caf::get_atom::value, atoms::view::value)
                   .then(
                       [=](account_view& v) {
                         auto it = std::find_if(v.open_orders.begin(), v.open_orders.end(),
                                                [&](const open_order_view& o) { return o.id == id; });
                         if (it == v.open_orders.end())
                           return respond(http::error_response(reason_code::unknown_order));
                         self->request(account, timeout, atoms::replace::value, it->symbol,
                                       it->client_order_id, cents{price}, quantity{qty})
                             .then([=](order_result& r) { respond(result_response(r, http::status::ok)); },
                                   [=](caf::error& err) { respond(http::error_response(to_reason(err))); });
                       },
                       [=](caf::error& err) { respond(http::error_response(to_reason(err))); });
             });
}

void trading_api::cancel_all(http::request_context ctx, http::responder respond) {
  auto symbol = query_text(ctx.req, "symbol");
  if (!symbol.empty() && !instruments_->current().contains(symbol))
    return respond(http::error_response(reason_code::unknown_symbol));
  auto account = where_->account(ctx.user->user);
  if (!account)
    return respond(http::error_response(reason_code::unavailable));
  spawn_task(sys_, [account, symbol, respond, timeout = timeout_](caf::event_based_actor* self) {
    self->request(account, timeout, caf::get_atom::value, atoms::view::value)
        .then(
            [=](account_view& v) {
              struct tally {
                std::size_t pending = 0;
                boost::json::array cancelled;
                boost::json::array failed;
              };
              auto t = std::make_shared<tally>();
              auto finish = [t, respond] {
                if (--t->pending == 0)
                  respond(http::json_response(boost::json::serialize(
                      object{{"cancelled", std::move(t->cancelled)}, {"failed", std::move(t->failed)}})));
              };
              t->pending = 1; // held until every cancel is sent
              for (const auto& o : v.open_orders) {
                if (!symbol.empty() && o.symbol != symbol)
                  continue;
                ++t->pending;
                self->request(account, timeout, atoms::cancel::value, o.symbol, o.client_order_id)
                    .then(
                        [t, finish, id = o.id](order_result& r) {
                          if (r.reason == reason_code::none)
                            t->cancelled.push_back(id);
                          else
                            t->failed.push_back(object{{"order_id", id}, {"code", to_string(r.reason)}});
                          finish();
                        },
                        [t, finish, id = o.id](caf::error& err) {
                          t->failed.push_back(object{{"order_id", id}, {"code", to_string(to_reason(err))}});
                          finish();
                        });
              }
              finish();
            },
            [=](caf::error& err) { respond(http::error_response(to_reason(err))); });
  });
}

void trading_api::halt(http::request_context ctx, http::responder respond, bool halted) {
  std::function<http::response(bool&)> on_reply = [symbol =
                                                       std::string(ctx.param("symbol"))](bool& now_halted) {
    return http::json_response(boost::json::serialize(object{{"symbol", symbol}, {"halted", now_halted}}));
  };
  ask_actor<bool>(sys_, where_->book(ctx.param("symbol")), timeout_, std::move(respond), on_reply,
                  reason_code::unknown_symbol, atoms::halt::value, halted);
}

void trading_api::deposit(http::request_context ctx, http::responder respond) {
  auto id = id_param(ctx, "id");
  json_fields fields(ctx.req.body(), {"amount_cents"});
  auto amount = fields.integer("amount_cents");
  if (!id)
    fields.fail(reason_code::malformed_request, "account id must be a positive integer");
  if (!fields.ok())
    return respond(http::error_response(fields.code(), fields.message()));
  std::function<http::response(reason_code&)> on_reply = [id = *id, amount](reason_code& code) {
    if (code != reason_code::none)
      return http::error_response(code);
    return http::json_response(boost::json::serialize(object{{"id", id}, {"amount_cents", amount}}));
  };
  ask_actor<reason_code>(sys_, where_->account(*id), timeout_, std::move(respond), on_reply,
                         reason_code::unavailable, atoms::deposit::value, cents{amount});
}

void trading_api::freeze(http::request_context ctx, http::responder respond, bool frozen) {
  auto id = id_param(ctx, "id");
  if (!id)
    return respond(
        http::error_response(reason_code::malformed_request, "account id must be a positive integer"));
  std::function<http::response(risk_state&)> on_reply = [id = *id](risk_state& state) {
    return http::json_response(boost::json::serialize(object{{"id", id}, {"state", risk_state_name(state)}}));
  };
  ask_actor<risk_state>(sys_, where_->account(*id), timeout_, std::move(respond), on_reply,
                        reason_code::unavailable, atoms::risk::value,
                        frozen ? risk_state::halted : risk_state::active);
}

} // namespace bourse::net::api
