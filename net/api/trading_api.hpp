#pragma once

#include "actors/account/instrument_registry.hpp"
#include "actors/runtime/placement.hpp"
#include "net/http/router.hpp"

#include <caf/actor_system.hpp>

#include <chrono>
#include <memory>

namespace bourse::net::api {

/// Order entry and account routes for the bearer's own account (account id = user id), plus admin
/// routes, all through the account and book actors found in placement, each request with timeout:
/// POST /api/v1/orders, GET /orders/{id} (an open order), DELETE /orders/{id},
/// PATCH /orders/{id} {price, quantity} (replace), DELETE /orders?symbol= (cancel all open orders,
/// optionally of one symbol; answers {cancelled, failed}); admin: POST
/// /admin/instruments/{symbol}/halt and /resume, POST /admin/accounts/{id}/deposits {amount_cents}, POST
/// /admin/accounts/{id}/freeze and /unfreeze. Every reference must outlive the routes.
class trading_api {
public:
  trading_api(caf::actor_system& sys, std::shared_ptr<placement> where,
              std::shared_ptr<const instrument_registry> instruments, std::chrono::milliseconds timeout);

  void add_routes(http::router& routes);

private:
  void place(http::request_context ctx, http::responder respond);
  void order(http::request_context ctx, http::responder respond, bool cancel);
  void replace(http::request_context ctx, http::responder respond);
  void cancel_all(http::request_context ctx, http::responder respond);
  void halt(http::request_context ctx, http::responder respond, bool halted);
  void deposit(http::request_context ctx, http::responder respond);
  void freeze(http::request_context ctx, http::responder respond, bool frozen);

  caf::actor_system& sys_;
  std::shared_ptr<placement> where_;
  std::shared_ptr<const instrument_registry> instruments_;
  std::chrono::milliseconds timeout_;
};

} // namespace bourse::net::api
