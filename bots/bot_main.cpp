#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/io/middleman.hpp>
#include <caf/send.hpp>

#include "bots/live/fleet_file.hpp"
#include "bots/live/journal.hpp"
#include "bots/live/live_bot.hpp"
#include "bots/live/order_router.hpp"
#include "bots/market/market_catalog.hpp"

namespace {

/// host:port -> (host, port); throws CLI::ValidationError.
std::pair<std::string, std::uint16_t> split_endpoint(const std::string& endpoint) {
  const auto colon = endpoint.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw CLI::ValidationError("--node", "expected HOST:PORT");
  const auto port = std::stoul(endpoint.substr(colon + 1));
  if (port == 0 || port > 65'535)
    throw CLI::ValidationError("--node", "port out of range");
  return {endpoint.substr(0, colon), static_cast<std::uint16_t>(port)};
}

/// Blocks until SIGINT or SIGTERM.
void wait_for_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int received = 0;
  sigwait(&set, &received);
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"bourse-bot: a fleet of trading bots joining a Bourse node as CAF remote actors"};
  std::string node;
  std::string fleet_path;
  std::string secret;
  std::string market_path = "config/market.toml";
  int heartbeat_ms = 500;
  int timeout_ms = 3'000;
  app.add_option("--node", node, "the node's bot gateway, HOST:PORT (node.actor_port)")->required();
  app.add_option("--fleet", fleet_path, "fleet file (TOML), see bots/fleet.toml")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--market", market_path,
                 "market file the node lists (instruments, fundamentals, game clock); its series paths "
                 "are read relative to the working directory")
      ->check(CLI::ExistingFile);
  app.add_option("--secret", secret, "the node's auth.bot_secret")->envname("BOURSE_BOT_SECRET")->required();
  app.add_option("--heartbeat-ms", heartbeat_ms, "middleman heartbeat interval")
      ->check(CLI::Range(50, 60'000));
  app.add_option("--timeout-ms", timeout_ms, "close a silent connection after this long")
      ->check(CLI::Range(100, 600'000));
  CLI11_PARSE(app, argc, argv);

  // Signals are taken by sigwait on the main thread only; every CAF thread inherits the mask.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  try {
    const auto [host, port] = split_endpoint(node);
    // The game clock starts with this process until each bot's login answer gives the node's clock
    // start (bot_login::clock_started_at); from then on bots and node agree on the game day.
    auto market = bourse::bots::load_market_catalog(market_path, ".");
    market.clock.started_at = bourse::bots::wall_clock_ns();
    const auto fleet = bourse::bots::load_fleet(fleet_path, market);
    bourse::bots::link_config link;
    link.host = host;
    link.port = port;
    link.secret = secret;
    link.status_interval = fleet.status_interval;
    link.bar_interval_s = fleet.bar_interval_s;
    if (!fleet.webhook_url.empty())
      link.webhook = std::make_shared<bourse::bots::webhook_notifier>(fleet.webhook_url);

    caf::actor_system_config cfg;
    bourse::bots::configure_bot_system(cfg, std::chrono::milliseconds(heartbeat_ms),
                                       std::chrono::milliseconds(timeout_ms));
    caf::actor_system sys{cfg};
    std::vector<caf::actor> bots;
    for (const auto& spec : fleet.bots)
      bots.push_back(bourse::bots::spawn_live_bot(sys, spec, link));
    bourse::bots::bot_logger()->info(R"({"event":"fleet_started","bots":)" + std::to_string(bots.size()) +
                                     "}");
    wait_for_signal();
    for (const auto& bot : bots)
      caf::anon_send_exit(bot, caf::exit_reason::user_shutdown);
  } catch (const std::exception& e) {
    std::cerr << "bourse-bot: " << e.what() << '\n';
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
