#pragma once

#include "actors/account/instrument_registry.hpp"
#include "actors/runtime/placement.hpp"
#include "net/http/router.hpp"

#include <caf/actor_system.hpp>

#include <chrono>
#include <memory>

namespace bourse::net::api {

/// The bearer's own account valued at mark prices, and the settlement of margin positions:
/// - GET /api/v1/account: account_json (account_json.hpp) at the marks of request_marks (marks.hpp);
/// - POST /api/v1/positions/{symbol}/delivery {action: "TAKE"|"DELIVER", quantity: shares > 0}:
///   TAKE pays the loan of that many shares of a long margin position, which become spot (genbiki);
///   DELIVER hands that many spot shares to close a short (genwatashi). Answers {symbol, action,
///   quantity}, or UNKNOWN_SYMBOL, INVALID_QUANTITY, INSUFFICIENT_POSITION, INSUFFICIENT_SHARES,
///   INSUFFICIENT_BUYING_POWER, ACCOUNT_HALTED.
/// Every request to an actor has `timeout`; references must outlive the routes.
class portfolio_api {
public:
  portfolio_api(caf::actor_system& sys, std::shared_ptr<placement> where,
                std::shared_ptr<const instrument_registry> instruments, std::chrono::milliseconds timeout);

  void add_routes(http::router& routes);

private:
  void account(http::request_context ctx, http::responder respond);
  void delivery(http::request_context ctx, http::responder respond);

  caf::actor_system& sys_;
  std::shared_ptr<placement> where_;
  std::shared_ptr<const instrument_registry> instruments_;
  std::chrono::milliseconds timeout_;
};

} // namespace bourse::net::api
