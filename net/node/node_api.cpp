#include "net/node/node_api.hpp"

#include <spdlog/spdlog.h>

#include "actors/auction/account_bank.hpp"
#include "actors/gateway/gateway_actor.hpp"
#include "net/api/equity_sampler.hpp"
#include "net/api/first_admin.hpp"
#include "net/http/static_files.hpp"

#include <caf/send.hpp>

#include <algorithm>
#include <map>

namespace bourse::node {
namespace {

constexpr std::chrono::milliseconds actor_timeout{2'000};
constexpr std::chrono::milliseconds provider_timeout{5'000};
constexpr int blocking_threads = 2;
constexpr std::size_t tape_trades_per_symbol = 500;

/// cfg whose sessions join the lots of `lots` on auction.<id>.
net::ws::session_config with_auctions(net::ws::session_config cfg, const net::api::auction_registry& lots) {
  cfg.auction_lookup = [&lots](lot_id id) { return lots.find(id); };
  return cfg;
}

/// The auction actors' settings with their journal.
auction_actor_config journaled(persistence_actor persistence) {
  auction_actor_config cfg;
  cfg.persistence = std::move(persistence);
  return cfg;
}

/// Owners of accounts for the leaderboard: players from `users`, bots from the names on `bots`.
net::api::owner_lookup owners_of(net::user_store& users, std::shared_ptr<const bot_status_board> bots) {
  return [&users, bots](const std::vector<account_id>& ids) {
    std::map<account_id, net::api::account_owner> owners;
    for (const auto& user : users.find_by_ids(ids))
      owners[user.id] = {user.username, user.user_role == net::role::bot};
    for (const auto& status : bots->all())
      if (const auto id = bot_account_id(status.name); std::find(ids.begin(), ids.end(), id) != ids.end())
        owners[id] = {status.name, true};
    return owners;
  };
}

} // namespace

node_api::node_api(const config::settings& s, const std::string& database_url,
                   const net::access_token_codec& codec, caf::actor_system& sys, const exchange& ex,
                   std::shared_ptr<const bot_status_board> bots, persistence_actor persistence,
                   const std::map<lot_id, std::shared_ptr<auction_rules>>& auctions)
    : settings_(s), link_(database_url), users_(link_), refresh_store_(link_), history_store_(link_),
      refresh_(refresh_store_, s.auth.refresh_token_ttl_s), pool_(blocking_threads),
      auth_(s.auth, users_, refresh_, codec, pool_),
      discord_(s.auth.discord, auth_, users_, pool_, provider_timeout),
      market_(sys, ex.where, ex.instruments, actor_timeout),
      trading_(sys, ex.where, ex.instruments, actor_timeout),
      instrument_admin_(ex, &link_, pool_,
                        [this, where = ex.where](const instrument& inst) {
                          net::api::follow_symbol(tape_, *where, inst.symbol);
                        }),
      portfolio_(sys, ex.where, ex.instruments, actor_timeout),
      history_(sys, ex.where, ex.instruments, actor_timeout, history_store_, pool_),
      leaderboard_(sys, ex.where, ex.instruments, ex.accounts, actor_timeout,
                   owners_of(users_, std::move(bots)), pool_),
      equity_store_(link_), equity_(equity_store_, pool_),
      tape_(net::api::spawn_trade_tape(sys, ex.where, tape_trades_per_symbol)),
      overview_(sys, ex.where, ex.instruments, tape_, actor_timeout),
      auctions_(sys, spawn_account_bank(sys, ex.where, actor_timeout), journaled(std::move(persistence)),
                auctions),
      auction_routes_(sys, auctions_, actor_timeout),
      websocket_(
          sys,
          with_auctions(net::ws::session_config_from(s.limits, ex.where, ex.instruments, &codec), auctions_),
          s.limits) {
  const auto admin = net::api::ensure_first_admin(users_, s.admin);
  if (admin.created)
    spdlog::info("first admin '{}' created", s.admin.username);
  if (s.game.equity_sample_interval_s > 0)
    equity_sampler_ =
        net::api::spawn_equity_sampler(sys, ex, database_url,
                                       {.interval = std::chrono::seconds(s.game.equity_sample_interval_s),
                                        .retention = std::chrono::hours(24 * s.game.equity_retention_days),
                                        .timeout = actor_timeout});
}

void node_api::add_routes(net::http::router& routes) {
  auth_.add_routes(routes);
  if (settings_.auth.discord.enabled)
    discord_.add_routes(routes);
  market_.add_routes(routes);
  trading_.add_routes(routes);
  instrument_admin_.add_routes(routes);
  portfolio_.add_routes(routes);
  history_.add_routes(routes);
  leaderboard_.add_routes(routes);
  equity_.add_routes(routes);
  overview_.add_routes(routes);
  auction_routes_.add_routes(routes);
  if (!settings_.node.static_dir.empty()) {
    auto files = std::make_shared<net::http::static_files>(settings_.node.static_dir);
    routes.add(net::http::verb::get, "/api/docs", net::permission::read_market,
               net::http::sync_handler(
                   [files](net::http::request_context&) { return files->serve("/api-docs.html"); }));
  }
}

void node_api::stop() {
  if (equity_sampler_)
    caf::anon_send_exit(equity_sampler_, caf::exit_reason::user_shutdown);
  pool_.join();
  caf::anon_send_exit(tape_, caf::exit_reason::user_shutdown);
  auctions_.stop();
}

} // namespace bourse::node
