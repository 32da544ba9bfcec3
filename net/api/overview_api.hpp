#pragma once

#include "actors/account/instrument_registry.hpp"
#include "actors/runtime/placement.hpp"
#include "net/api/trade_tape.hpp"
#include "net/http/router.hpp"

#include <caf/actor_system.hpp>

#include <chrono>
#include <memory>

namespace bourse::net::api {

/// Market-wide views gathered from many actors at once, each request with timeout:
/// GET /api/v1/ticker (every symbol: best bid/ask, last, change vs reference, day volume),
/// GET /api/v1/markets/{symbol}/trades?limit=N (1..tape capacity, default 50; newest first, from the
/// trade tape). Every reference must outlive the routes.
class overview_api {
public:
  overview_api(caf::actor_system& sys, std::shared_ptr<placement> where,
               std::shared_ptr<const instrument_registry> instruments, trade_tape_actor tape,
               std::chrono::milliseconds timeout);

  void add_routes(http::router& routes);

private:
  void tickers(http::responder respond);
  void trades(http::request_context ctx, http::responder respond);

  caf::actor_system& sys_;
  std::shared_ptr<placement> where_;
  std::shared_ptr<const instrument_registry> instruments_;
  trade_tape_actor tape_;
  std::chrono::milliseconds timeout_;
};

} // namespace bourse::net::api
