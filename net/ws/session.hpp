#pragma once

#include "actors/auction/auction_messages.hpp"
#include "actors/runtime/placement.hpp"
#include "net/auth/access_token.hpp"
#include "net/ws/channel_fanout_actor.hpp"
#include "net/ws/session_messages.hpp"
#include "net/ws/ws_outbox.hpp"

#include <caf/actor_system.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace bourse::net::ws {

/// Tunables of every session of one endpoint. Bounds come from config::limits_settings.
struct session_config {
  std::shared_ptr<placement> where;
  std::shared_ptr<const instrument_registry> instruments;
  /// Verifies `auth` ops; must outlive the sessions.
  const access_token_codec* codec = nullptr;
  /// Inbound ops per second (and burst); past it an op is answered RATE_LIMITED and dropped.
  std::int64_t messages_per_s = 50;
  /// Bounds of the outbound queue: book conflation, and 1008 "SLOW_CONSUMER" past them.
  outbox_bounds bounds;
  /// The endpoint's fan-out of public channels (set by ws_endpoint).
  fanout_actor fanout;
  /// Time to authenticate or subscribe after connecting, else close 1008 "UNAUTHENTICATED".
  std::chrono::milliseconds auth_timeout{5'000};
  /// Period of the heartbeat frames (the session's only timer besides auth and token expiry).
  std::chrono::milliseconds heartbeat{15'000};
  /// Timeout of every request to an exchange actor.
  std::chrono::milliseconds request_timeout{5'000};
  /// The actor of an auction lot, or an invalid handle; unset, every auction.<id> is NOT_FOUND.
  std::function<auction_actor(lot_id)> auction_lookup;
};

/// Spawns the session actor of one WebSocket connection: parses inbound ops (auth, subscribe,
/// unsubscribe, ping, order.new, order.cancel, order.replace), joins out to the public channels
/// through cfg.fanout (which writes their frames), polls the account view for the private
/// channels, joins auction lots as an auction_subscriber and writes its own frames through out.
/// user is the handshake's verified token, if any.
session_actor spawn_session(caf::actor_system& sys, const session_config& cfg, std::shared_ptr<ws_outbox> out,
                            std::optional<access_claims> user);

/// The wall clock, ms since the Unix epoch.
std::int64_t unix_ms() noexcept;

} // namespace bourse::net::ws
