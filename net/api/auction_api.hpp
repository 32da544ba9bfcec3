#pragma once

#include "net/api/auction_registry.hpp"
#include "net/http/router.hpp"

#include <caf/actor_system.hpp>

#include <chrono>
#include <functional>
#include <map>

namespace bourse::net::api {

/// Auction routes over the lots of a registry, each actor request with timeout (docs/auctions.md):
/// GET /api/v1/auctions (every lot), GET /auctions/{id} (the lot with its bids and result);
/// role auctioneer or admin: POST /auctions (create; the caller is the auctioneer), POST
/// /auctions/{id}/start, POST /auctions/{id}/cancel; any trader: POST /auctions/{id}/bids {amount} and
/// GET /api/v1/account/items (the item lots the bearer won and that settled, by lot id).
/// The registry must outlive the routes.
class auction_api {
public:
  auction_api(caf::actor_system& sys, auction_registry& lots, std::chrono::milliseconds timeout);

  void add_routes(http::router& routes);

private:
  void list(http::responder respond);
  void items(http::request_context ctx, http::responder respond);
  /// Reads every lot's record and answers `render(records)`, or the first request's error.
  void with_records(http::responder respond,
                    std::function<http::response(const std::map<lot_id, auction_record>&)> render);
  void create(http::request_context ctx, http::responder respond);
  void read(http::request_context ctx, http::responder respond);
  void command(http::request_context ctx, http::responder respond, bool start);
  void bid(http::request_context ctx, http::responder respond);

  caf::actor_system& sys_;
  auction_registry& lots_;
  std::chrono::milliseconds timeout_;
};

/// Now, ns UTC (the system clock).
timestamp_ns utc_now_ns() noexcept;

} // namespace bourse::net::api
