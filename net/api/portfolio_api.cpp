#include "net/api/portfolio_api.hpp"

#include "actors/runtime/errors.hpp"
#include "actors/runtime/spawn_task.hpp"
#include "net/api/account_json.hpp"
#include "net/api/actor_bridge.hpp"
#include "net/api/json_fields.hpp"
#include "net/api/marks.hpp"

#include <boost/json/serialize.hpp>

namespace bourse::net::api {

portfolio_api::portfolio_api(caf::actor_system& sys, std::shared_ptr<placement> where,
                             std::shared_ptr<const instrument_registry> instruments,
                             std::chrono::milliseconds timeout)
    : sys_(sys), where_(std::move(where)), instruments_(std::move(instruments)), timeout_(timeout) {
  // nop
}

void portfolio_api::add_routes(http::router& routes) {
  routes.add(http::verb::get, "/api/v1/account", permission::trade,
             [this](http::request_context ctx, http::responder respond) {
               account(std::move(ctx), std::move(respond));
             });
  routes.add(http::verb::post, "/api/v1/positions/{symbol}/delivery", permission::trade,
             [this](http::request_context ctx, http::responder respond) {
               delivery(std::move(ctx), std::move(respond));
             });
}

void portfolio_api::account(http::request_context ctx, http::responder respond) {
  auto target = where_->account(ctx.user->user);
  if (!target)
    return respond(http::error_response(reason_code::unavailable));
  spawn_task(sys_, [target, respond, where = where_, instruments = instruments_,
                    timeout = timeout_](caf::event_based_actor* self) {
    request_marks(self, *where, instruments->current(), timeout,
                  [self, target, respond, timeout](mark_prices marks) {
                    self->request(target, timeout, caf::get_atom::value, atoms::view::value, std::move(marks))
                        .then(
                            [respond](account_view& v) {
                              respond(http::json_response(boost::json::serialize(account_json(v))));
                            },
                            [respond](caf::error& err) { respond(http::error_response(to_reason(err))); });
                  });
  });
}

void portfolio_api::delivery(http::request_context ctx, http::responder respond) {
  auto symbol = std::string(ctx.param("symbol"));
  json_fields fields(ctx.req.body(), {"action", "quantity"});
  const auto action = fields.text("action");
  const auto qty = fields.integer("quantity");
  if (fields.ok() && action != "TAKE" && action != "DELIVER")
    fields.fail(reason_code::malformed_request, "action must be TAKE or DELIVER");
  if (fields.ok() && qty <= 0)
    fields.fail(reason_code::invalid_quantity, "quantity must be a positive number of shares");
  if (fields.ok() && !instruments_->current().contains(symbol))
    fields.fail(reason_code::unknown_symbol, "unknown symbol " + symbol);
  if (!fields.ok())
    return respond(http::error_response(fields.code(), fields.message()));
  std::function<http::response(reason_code&)> on_reply = [symbol, action, qty](reason_code& code) {
    if (code != reason_code::none)
      return http::error_response(code);
    return http::json_response(boost::json::serialize(
        boost::json::object{{"symbol", symbol}, {"action", action}, {"quantity", qty}}));
  };
  ask_actor<reason_code>(sys_, where_->account(ctx.user->user), timeout_, std::move(respond), on_reply,
                         reason_code::unavailable, atoms::delivery::value, symbol,
                         quantity{action == "TAKE" ? qty : -qty});
}

} // namespace bourse::net::api
