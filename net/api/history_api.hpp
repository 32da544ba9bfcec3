#pragma once

#include "actors/account/instrument_registry.hpp"
#include "actors/runtime/placement.hpp"
#include "net/http/router.hpp"
#include "net/store/pg_history_store.hpp"

#include <boost/asio/thread_pool.hpp>
#include <caf/actor_system.hpp>

#include <chrono>
#include <memory>

namespace bourse::net::api {

/// The bearer's orders and fills:
/// - GET /api/v1/orders?status=OPEN (default): the open orders as the account actor holds them now;
///   status=FILLED|CANCELED|REJECTED|EXPIRED|ALL&symbol=&limit=1..500&before_ns=: the order history
///   from the database (pg_history_store::orders), newest first;
/// - GET /api/v1/executions?symbol=&limit=1..500&before_ns=: the account's fills (with the fee each
///   paid), newest first;
/// - GET /api/v1/account/ledger?symbol=&limit=1..500&before_ns=: the account's cash movements (trades,
///   fees, deposits, auctions) from the cash ledger, newest first.
/// Bad filters answer MALFORMED_REQUEST or UNKNOWN_SYMBOL. Database reads run on `pool`; references
/// must outlive the routes.
class history_api {
public:
  history_api(caf::actor_system& sys, std::shared_ptr<placement> where,
              std::shared_ptr<const instrument_registry> instruments, std::chrono::milliseconds timeout,
              pg_history_store& store, boost::asio::thread_pool& pool);

  void add_routes(http::router& routes);

private:
  void orders(http::request_context ctx, http::responder respond);
  void open_orders(http::request_context ctx, http::responder respond);
  void executions(http::request_context ctx, http::responder respond);
  void ledger(http::request_context ctx, http::responder respond);

  caf::actor_system& sys_;
  std::shared_ptr<placement> where_;
  std::shared_ptr<const instrument_registry> instruments_;
  std::chrono::milliseconds timeout_;
  pg_history_store& store_;
  boost::asio::thread_pool& pool_;
};

} // namespace bourse::net::api
