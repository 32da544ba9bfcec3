#pragma once

#include "actors/account/instrument_registry.hpp"
#include "actors/runtime/exchange.hpp"
#include "actors/runtime/placement.hpp"
#include "net/http/router.hpp"

#include <boost/asio/thread_pool.hpp>
#include <caf/actor_system.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bourse::net::api {

/// Who owns an account, for the leaderboard.
struct account_owner {
  std::string username;
  bool bot = false;
};

/// The owners of `ids` (may block on the database); ids it does not know are left out.
using owner_lookup = std::function<std::map<account_id, account_owner>(const std::vector<account_id>&)>;

/// GET /api/v1/leaderboard?limit=N (1..1000, default 100): the node's accounts (players and bots;
/// running ones asked through their actors, passivated ones valued from their checkpoints in
/// `accounts`) ranked by net worth = equity at mark prices (marks.hpp, margin.hpp), rows {rank,
/// account_id, username, kind: PLAYER|BOT, cash, holdings (= net worth − cash), net_worth}; cents.
/// Owners are looked up on `pool`; references must outlive the routes.
class leaderboard_api {
public:
  leaderboard_api(caf::actor_system& sys, std::shared_ptr<placement> where,
                  std::shared_ptr<const instrument_registry> instruments,
                  std::shared_ptr<const account_store> accounts, std::chrono::milliseconds timeout,
                  owner_lookup owners, boost::asio::thread_pool& pool);

  void add_routes(http::router& routes);

private:
  void leaderboard(http::request_context ctx, http::responder respond);

  caf::actor_system& sys_;
  std::shared_ptr<placement> where_;
  std::shared_ptr<const instrument_registry> instruments_;
  std::shared_ptr<const account_store> accounts_;
  std::chrono::milliseconds timeout_;
  owner_lookup owners_;
  boost::asio::thread_pool& pool_;
};

} // namespace bourse::net::api
