#pragma once

#include "net/http/router.hpp"
#include "net/store/pg_equity_store.hpp"

#include <boost/asio/thread_pool.hpp>

namespace bourse::net::api {

/// GET /api/v1/account/equity?limit=1..5000 (default 1440)&before_ns=: the bearer's equity curve as
/// the equity sampler stored it (net/api/equity_sampler.hpp), `{points: [{time_ns (UTC), equity,
/// cash}]}` in cents, the newest `limit` samples strictly before `before_ns`, oldest first. A sample is
/// written only when the account's equity or cash changed, so the curve steps; the current value is
/// GET /api/v1/account's `equity`. Bad parameters answer MALFORMED_REQUEST; a database failure
/// INTERNAL_ERROR. Reads run on `pool`; references must outlive the routes.
class equity_api {
public:
  equity_api(pg_equity_store& store, boost::asio::thread_pool& pool) : store_(store), pool_(pool) {}

  void add_routes(http::router& routes);

private:
  void curve(http::request_context ctx, http::responder respond);

  pg_equity_store& store_;
  boost::asio::thread_pool& pool_;
};

} // namespace bourse::net::api
