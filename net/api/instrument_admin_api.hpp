#pragma once

#include "actors/runtime/exchange.hpp"
#include "net/http/router.hpp"
#include "net/store/pg_link.hpp"

#include <boost/asio/thread_pool.hpp>

#include <functional>

namespace bourse::net::api {

/// POST /api/v1/admin/instruments (administer): lists a new instrument on the running exchange
/// (body: decode_instrument). With a database the `instruments` row is committed first (on `pool`),
/// so a restarted node lists it again; then list_instrument starts its book and market-data actors
/// and the answer is 201 with the instrument as GET /instruments shows it. A symbol already listed is
/// 409 SYMBOL_LISTED. Every reference must outlive the routes.
class instrument_admin_api {
public:
  /// `database` null: instruments are listed in memory only (tests, no persistence). `on_listed`
  /// runs after each listing, before the answer (the node's trade tape follows the symbol).
  instrument_admin_api(const exchange& ex, pg_link* database, boost::asio::thread_pool& pool,
                       std::function<void(const instrument&)> on_listed = {});

  void add_routes(http::router& routes);

private:
  void create(http::request_context ctx, http::responder respond);
  /// Writes the row (when there is a database) and lists `rules`.
  http::response list(const instrument& rules);

  const exchange& ex_;
  pg_link* database_;
  boost::asio::thread_pool& pool_;
  std::function<void(const instrument&)> on_listed_;
};

} // namespace bourse::net::api
