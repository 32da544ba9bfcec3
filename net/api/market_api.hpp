#pragma once

#include "actors/account/instrument_registry.hpp"
#include "actors/runtime/placement.hpp"
#include "net/http/router.hpp"

#include <caf/actor_system.hpp>

#include <chrono>
#include <memory>

namespace bourse::net::api {

/// Public market data from the market-data actors found through placement:
/// GET /api/v1/instruments, /markets/{symbol}/book?depth=N (1..1000, default 20; with seq),
/// /markets/{symbol}/candles?interval=1s|1m|5m|15m|1h|1d&from=&to= (ns UTC, inclusive bounds).
/// Every actor request carries timeout. Every reference must outlive the routes.
class market_api {
public:
  market_api(caf::actor_system& sys, std::shared_ptr<placement> where,
             std::shared_ptr<const instrument_registry> instruments, std::chrono::milliseconds timeout);

  void add_routes(http::router& routes);

private:
  http::response instruments() const;
  void book(http::request_context ctx, http::responder respond);
  void candles(http::request_context ctx, http::responder respond);

  caf::actor_system& sys_;
  std::shared_ptr<placement> where_;
  std::shared_ptr<const instrument_registry> instruments_;
  std::chrono::milliseconds timeout_;
};

/// The integer query parameter name of a request target; fallback when absent, nullopt when it is
/// not a decimal integer.
std::optional<std::int64_t> query_integer(const http::request& req, std::string_view name,
                                          std::int64_t fallback);

/// The string query parameter name; empty when absent.
std::string query_text(const http::request& req, std::string_view name);

} // namespace bourse::net::api
