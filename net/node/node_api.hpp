#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/thread_pool.hpp>
#include <caf/actor_system.hpp>

#include "actors/gateway/bot_status_board.hpp"
#include "actors/runtime/exchange.hpp"
#include "config/settings.hpp"
#include "net/api/auction_api.hpp"
#include "net/api/auction_registry.hpp"
#include "net/api/auth_api.hpp"
#include "net/api/discord_api.hpp"
#include "net/api/equity_api.hpp"
#include "net/api/history_api.hpp"
#include "net/api/instrument_admin_api.hpp"
#include "net/api/leaderboard_api.hpp"
#include "net/api/market_api.hpp"
#include "net/api/overview_api.hpp"
#include "net/api/portfolio_api.hpp"
#include "net/api/trade_tape.hpp"
#include "net/api/trading_api.hpp"
#include "net/auth/access_token.hpp"
#include "net/auth/refresh_tokens.hpp"
#include "net/http/router.hpp"
#include "net/store/pg_equity_store.hpp"
#include "net/store/pg_link.hpp"
#include "net/store/pg_refresh_token_store.hpp"
#include "net/store/pg_user_store.hpp"
#include "net/ws/ws_endpoint.hpp"

namespace bourse::node {

/// Everything behind the node's /api/v1 routes: the user and refresh-token stores on PostgreSQL, the
/// pool for blocking work (argon2, database, Discord), the auth, market and trading route sets and
/// the overview routes over a trade tape, the auction routes over a registry of lots (bank: the trading
/// accounts, actors/auction/account_bank.hpp), /api/docs (web/api-docs.html from
/// the static directory) and the WebSocket endpoint. Creates the first admin on construction. Must outlive
/// the HTTP server; `stop()` joins the pool and must run before the server is destroyed.
class node_api {
public:
  /// `bots` names the bot accounts on the leaderboard; auction lots are journaled to `persistence`
  /// (none: not journaled) and `auctions` are the lots recovered from it.
  node_api(const config::settings& s, const std::string& database_url, const net::access_token_codec& codec,
           caf::actor_system& sys, const exchange& ex, std::shared_ptr<const bot_status_board> bots,
           persistence_actor persistence = {},
           const std::map<lot_id, std::shared_ptr<auction_rules>>& auctions = {});

  /// Registers every route set on `routes`.
  void add_routes(net::http::router& routes);

  /// The WebSocket endpoint to install with server::set_upgrade_handler("/ws", ...).
  net::ws::ws_endpoint& websocket() noexcept { return websocket_; }

  /// Stops the equity sampler, waits for blocking work in flight to finish and stops the trade tape
  /// and the auction lots.
  void stop();

private:
  const config::settings& settings_;
  net::pg_link link_;
  net::pg_user_store users_;
  net::pg_refresh_token_store refresh_store_;
  net::pg_history_store history_store_;
  net::refresh_token_service refresh_;
  boost::asio::thread_pool pool_;
  net::api::auth_api auth_;
  net::api::discord_api discord_;
  net::api::market_api market_;
  net::api::trading_api trading_;
  net::api::instrument_admin_api instrument_admin_;
  net::api::portfolio_api portfolio_;
  net::api::history_api history_;
  net::api::leaderboard_api leaderboard_;
  net::pg_equity_store equity_store_;
  net::api::equity_api equity_;
  caf::actor equity_sampler_; ///< null when game.equity_sample_interval_s is 0
  net::api::trade_tape_actor tape_;
  net::api::overview_api overview_;
  net::api::auction_registry auctions_;
  net::api::auction_api auction_routes_;
  net::ws::ws_endpoint websocket_;
};

} // namespace bourse::node
