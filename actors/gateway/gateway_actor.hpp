#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "actors/account/instrument_registry.hpp"
#include "actors/gateway/bot_funding.hpp"
#include "actors/gateway/bot_status_board.hpp"
#include "actors/gateway/gateway_messages.hpp"
#include "actors/runtime/placement.hpp"

namespace bourse {

/// Tunables of the bot gateway.
struct gateway_config {
  /// The shared bot secret every bot presents; empty refuses every login (bots disabled).
  std::string secret;
  /// When the node's game clock started, ns UTC, told to bots at login; 0 = when the gateway is
  /// spawned (a node spawns it right after the exchange and its session clock).
  timestamp_ns clock_started_at = 0;
  /// Deposits into logged-in bots' accounts that ran low (checked on their status reports).
  bot_funding_config funding;
};

/// The account id of a bot: 2^62 + (FNV-1a 64 of its name mod 2^40), stable across restarts and
/// disjoint from player ids (which stay below 2^62).
account_id bot_account_id(std::string_view bot_name) noexcept;

/// True for a usable bot name: 1..64 characters of [A-Za-z0-9_.-].
bool valid_bot_name(std::string_view bot_name) noexcept;

/// Spawns the bot gateway: `login` checks the secret in constant time (SHA-256 of both, then
/// CRYPTO_memcmp) and answers the bot's account through an account tap that copies execution reports
/// to the bot's listener; `lookup` answers instrument rules and market-data handles; `status` stores
/// reports of logged-in bots in `board` and, at most every funding.interval per bot, tops up a bot
/// whose equity fell below funding.floor (a DEPOSIT entry on its account; a failed or timed-out
/// request is retried at the next check). Every login answer carries the game clock's start.
gateway_actor spawn_gateway(caf::actor_system& sys, std::shared_ptr<placement> where,
                            std::shared_ptr<const instrument_registry> instruments, gateway_config cfg,
                            std::shared_ptr<bot_status_board> board);

/// Publishes the gateway for bot processes on `host`:`port` (0 = an ephemeral port, SO_REUSEADDR);
/// returns the bound port or the middleman's error. The middleman must be loaded.
caf::expected<std::uint16_t> publish_gateway(caf::actor_system& sys, const gateway_actor& gateway,
                                             std::uint16_t port, const std::string& host = "127.0.0.1");

} // namespace bourse
