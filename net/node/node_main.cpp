// bourse-node: one node of the exchange. Loads the settings, opens (or starts) PostgreSQL, lists the
// market, runs the actors and serves HTTP/WebSocket until SIGINT or SIGTERM.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <set>
#include <thread>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/io/middleman.hpp>
#include <spdlog/spdlog.h>

#include "actors/gateway/gateway_actor.hpp"
#include "actors/runtime/exchange.hpp"
#include "bots/market/market_catalog.hpp"
#include "config/candle_retention_rules.hpp"
#include "config/json_log.hpp"
#include "config/settings_loader.hpp"
#include "net/http/server.hpp"
#include "net/node/bots_route.hpp"
#include "net/node/node_api.hpp"
#include "net/node/node_database.hpp"
#include "net/node/stop_signal.hpp"
#include "net/node/vendor_routes.hpp"
#include "persistence/auction_recovery.hpp"
#include "persistence/exchange_recovery.hpp"
#include "persistence/instrument_rows.hpp"
#include "persistence/order_projection_actor.hpp"
#include "persistence/persistence_actor.hpp"
#include "persistence/pg_connection.hpp"

namespace {

using namespace bourse;

/// True (logged) when a stop signal arrived during start-up: the node stops before the next step.
bool stopping_early(const node::stop_signal& stop, const char* before) {
  if (stop.requested())
    spdlog::info("stop signal during start-up: stopping before {}", before);
  return stop.requested();
}

/// A random HS256 key for a node started without auth.jwt_secret: tokens die with the process.
std::string random_secret() {
  std::random_device device;
  std::string secret(48, '\0');
  for (auto& c : secret)
    c = static_cast<char>('a' + device() % 26);
  return secret;
}

/// The market file's instruments, then those operators listed at runtime (POST
/// /api/v1/admin/instruments, rows of `instruments`); the market file wins a symbol both name.
std::vector<instrument> listed_rules(const bots::market_catalog& catalog, const std::string& database_url) {
  std::vector<instrument> out;
  std::set<std::string, std::less<>> symbols;
  for (const auto& listed : catalog.instruments) {
    out.push_back(listed.rules);
    symbols.insert(listed.rules.symbol);
  }
  auto conn = pg_connection::open(database_url);
  if (!conn)
    throw std::runtime_error("recovery: " + conn.error().message);
  auto rows = load_instrument_rows(*conn);
  if (!rows)
    throw std::runtime_error("recovery: " + rows.error().message);
  for (auto& row : *rows) {
    if (symbols.contains(row.symbol)) {
      spdlog::warn("instrument {} is in the market file and in the database: the market file's rules apply",
                   row.symbol);
      continue;
    }
    out.push_back(std::move(row));
  }
  spdlog::info("market: {} instruments listed at runtime", out.size() - catalog.instruments.size());
  return out;
}

/// Every book and account of the market (and the house) rebuilt from their durable journals into
/// `cfg` (nothing on a new node), and each symbol's market data (candles, day summary, last price)
/// from its executions; `cfg.limits` are the accounts' risk limits.
void recover_market(const std::string& database_url, const std::vector<instrument>& listed,
                    exchange_config& cfg) {
  instrument_table table;
  for (const auto& rules : listed)
    table.emplace(rules.symbol, rules);
  market_data_recovery_config md;
  md.depth = cfg.book.md_depth;
  md.policy = cfg.market_data;
  auto recovered = recover_exchange(database_url, table, cfg.limits, md);
  if (!recovered)
    throw std::runtime_error("recovery: " + recovered.error().message);
  adopt_recovered(cfg, std::move(*recovered));
}

/// The auction lots journaled so far (running ones go on, SETTLING ones settle); the recovered
/// accounts' holds that none of them needs are released first.
std::map<lot_id, std::shared_ptr<auction_rules>> recover_auction_lots(const std::string& database_url,
                                                                      const exchange_config& cfg) {
  auto conn = pg_connection::open(database_url);
  if (!conn)
    throw std::runtime_error("recovery: " + conn.error().message);
  auto lots = recover_auctions(*conn);
  if (!lots)
    throw std::runtime_error("recovery: " + lots.error().message);
  if (auto released = release_stray_holds(*conn, cfg.recovered_accounts, *lots); !released)
    throw std::runtime_error("recovery: " + released.error().message);
  return std::move(*lots);
}

/// The CAF scheduler's thread count for `configured` (node.actor_threads; 0: one per CPU core).
std::size_t actor_threads(std::int64_t configured) {
  if (configured > 0)
    return static_cast<std::size_t>(configured);
  return std::max(1U, std::thread::hardware_concurrency());
}

int run(config::settings s, node::stop_signal& stop) {
  node::node_database database(s);
  if (stopping_early(stop, "recovery"))
    return 0;
  const auto catalog = bots::load_market_catalog(s.game.market_file, std::filesystem::current_path());
  spdlog::info("market: {} instruments from {}", catalog.instruments.size(), s.game.market_file);

  caf::actor_system_config cfg;
  register_gateway_types(cfg); // the exchange's message types plus the bot gateway's
  cfg.load<caf::io::middleman>();
  cfg.set("scheduler.policy", caf::atom("sharing"));
  cfg.set("scheduler.max-threads", actor_threads(s.node.actor_threads));
  cfg.set("middleman.heartbeat-interval", caf::timespan{std::chrono::seconds(1)});
  cfg.set("middleman.connection-timeout", caf::timespan{std::chrono::seconds(5)});
  caf::actor_system sys{cfg};

  const auto listed = listed_rules(catalog, database.url());
  exchange_config exchange_cfg;
  recover_market(database.url(), listed, exchange_cfg);
  auto auction_lots = recover_auction_lots(database.url(), exchange_cfg);
  if (stopping_early(stop, "the actors start"))
    return 0;

  persistence_config persist_cfg;
  persist_cfg.commit.conninfo = database.url();
  persist_cfg.commit.max_delay = std::chrono::microseconds(s.database.commit_delay_us);
  persist_cfg.commit.max_batch_rows = static_cast<std::size_t>(s.database.commit_batch_rows);
  auto persistence = spawn_persistence(sys, persist_cfg);
  exchange_cfg.book.persistence = persistence;
  exchange_cfg.book.snapshot_every = static_cast<sequence>(s.database.book_snapshot_every);
  exchange_cfg.account.persistence = persistence;
  exchange_cfg.account.checkpoint_every = static_cast<sequence>(s.database.account_checkpoint_every);
  exchange_cfg.starting_cash = s.game.starting_cash_cents;
  exchange_cfg.session.day_length = std::chrono::seconds(catalog.clock.seconds_per_day);
  auto exchange = build_exchange(sys, listed, exchange_cfg);
  caf::actor projection;
  if (s.database.orders_projection_ms > 0)
    projection = spawn_order_projection(
        sys, {.conninfo = database.url(),
              .interval = std::chrono::milliseconds(s.database.orders_projection_ms),
              .instruments = exchange.instruments,
              .limits = exchange_cfg.limits,
              .candles = {.max_age_days = config::candle_retention_days(s.database.candle_retention)}});

  auto bot_board = std::make_shared<bot_status_board>();
  gateway_actor gateway;
  if (s.node.actor_port != 0) {
    gateway_config gateway_cfg{s.auth.bot_secret, 0, {}};
    gateway_cfg.funding.floor = s.game.bot_funding_floor_cents;
    gateway_cfg.funding.target = s.game.bot_funding_target_cents;
    gateway_cfg.funding.interval = std::chrono::seconds(s.game.bot_funding_interval_s);
    gateway = spawn_gateway(sys, exchange.where, exchange.instruments, gateway_cfg, bot_board);
    auto port = publish_gateway(sys, gateway, s.node.actor_port, s.node.listen_address);
    if (!port)
      throw std::runtime_error("cannot publish the bot gateway on port " + std::to_string(s.node.actor_port) +
                               ": " + sys.render(port.error()));
    spdlog::info("bot gateway on {}:{}{}", s.node.listen_address, *port,
                 s.auth.bot_secret.empty() ? " (no auth.bot_secret: bot logins refused)" : "");
  }

  if (s.auth.jwt_secret.empty())
    s.auth.jwt_secret = random_secret();
  net::access_token_codec codec(s.auth.jwt_secret, s.auth.issuer, s.auth.audience, s.auth.access_token_ttl_s);
  node::node_api api(s, database.url(), codec, sys, exchange, bot_board, persistence, auction_lots);
  net::http::router routes;
  api.add_routes(routes);
  node::add_bots_route(routes, bot_board);
  node::add_vendor_routes(routes, std::filesystem::current_path() / "node_modules");
  net::http::server http(s, std::move(routes), &codec);
  http.set_upgrade_handler("/ws", &api.websocket());
  http.start();
  spdlog::info("Bourse is up: http://{}:{}/", s.node.listen_address, http.port());
  std::printf("Bourse is up: http://%s:%u/\n", s.node.listen_address.c_str(), http.port());
  std::fflush(stdout);

  stop.wait();
  http.stop();
  api.stop();
  if (gateway) {
    sys.middleman().unpublish(gateway, s.node.actor_port);
    caf::anon_send_exit(gateway, caf::exit_reason::user_shutdown);
  }
  if (projection)
    caf::anon_send_exit(projection, caf::exit_reason::user_shutdown);
  shutdown(exchange);
  caf::anon_send_exit(persistence, caf::exit_reason::user_shutdown); // writes what is queued first
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  bourse::node::stop_signal stop; // first: every thread inherits its signal mask
  try {
    auto s = config::load_settings(argc, argv, config::process_env());
    config::setup_json_logging(s.node.log_level);
    return run(std::move(s), stop);
  } catch (const config::help_requested& help) {
    std::printf("%s\n", help.what());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bourse-node: %s\n", e.what());
    return 1;
  }
}
