#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "bots/live/webhook.hpp"
#include "bots/strategy/fundamental_source.hpp"
#include "bots/strategy/risk_manager.hpp"
#include "bots/strategy/strategy_params.hpp"

namespace bourse::bots {

/// One live bot: a strategy by name (make_strategy) with its parameters on one symbol, logged in as
/// `name` (its own account on the node). Money cents, quantities shares.
struct bot_spec {
  std::string name;
  std::string strategy;
  param_map params;
  std::string symbol;
  risk_limits risk;
  cents starting_cash = 10'000'000; ///< the bot's own P&L baseline (the node's starting cash)
  fundamental_source fundamental;   ///< the symbol's real price path on the game clock (may be empty)
};

/// How a bot process reaches its node and paces itself.
struct link_config {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string secret;                               ///< the node's shared bot secret
  std::chrono::milliseconds request_timeout{2'000}; ///< every request to the node
  std::chrono::milliseconds backoff_min{100};       ///< first reconnect delay, doubled per failure
  std::chrono::milliseconds backoff_max{5'000};     ///< reconnect delay cap
  std::chrono::milliseconds status_interval{1'000}; ///< status reports to the gateway
  std::int64_t bar_interval_s = 60;                 ///< candles of this interval become on_bar
  std::uint64_t credit_batch = 16;                  ///< market-data credit returned per batch
  int max_order_attempts = 3;                       ///< sends of one order on TIMEOUT/UNAVAILABLE
  std::shared_ptr<webhook_notifier> webhook;        ///< kill-switch and error events; may be null
  /// Called from the bot's actor on every state change (connecting, running, disconnected, refused,
  /// killed); may be empty.
  std::function<void(std::string_view bot, std::string_view state)> on_state;
};

/// Prepares a bot process's CAF configuration: message types (register_gateway_types), the
/// middleman with heartbeats (`heartbeat` interval, connection closed after `timeout` of silence),
/// and the work-sharing scheduler.
void configure_bot_system(caf::actor_system_config& cfg,
                          std::chrono::milliseconds heartbeat = std::chrono::milliseconds(500),
                          std::chrono::milliseconds timeout = std::chrono::seconds(3));

/// Spawns one live bot: connects to the node's gateway (remote actor), logs in (and takes the node's
/// game clock start from the answer, see bot_login), looks up its symbol,
/// subscribes to market data (L2 snapshot + deltas, resync on a gap), runs the strategy on book,
/// trade, candle, fill and timer events, sends its orders to its account (pipelined, each with a
/// timeout, idempotent resends), reports status, and reconnects with backoff after the node's proxy
/// dies. Throws std::invalid_argument for an unknown strategy or bad parameters.
caf::actor spawn_live_bot(caf::actor_system& sys, bot_spec spec, link_config link);

} // namespace bourse::bots
