#pragma once

#include "actors/account/instrument_registry.hpp"
#include "actors/runtime/interfaces.hpp"
#include "actors/runtime/placement.hpp"
#include "net/ws/channel.hpp"
#include "net/ws/session_messages.hpp"
#include "net/ws/ws_outbox.hpp"

#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace bourse::net::ws {

/// A session subscribes its connection's outbox to the public channel ch (book, trades, candles,
/// ticker).
struct fanout_join {
  channel ch;
  std::shared_ptr<ws_outbox> out;
};

/// A session unsubscribes its outbox from channel `name`, or from every channel when name is empty.
struct fanout_leave {
  std::string name;
  std::shared_ptr<ws_outbox> out;
};

/// The public-channel fan-out of one endpoint: one md_subscriber per symbol for all sessions.
using fanout_actor = md_subscriber::extend<caf::reacts_to<fanout_join>, caf::reacts_to<fanout_leave>,
                                           caf::reacts_to<atoms::tick>>;

/// Tunables of the fan-out actor.
struct fanout_config {
  std::shared_ptr<placement> where;
  std::shared_ptr<const instrument_registry> instruments;
  outbox_bounds bounds;
  /// Period of the resync check for withheld book subscribers.
  std::chrono::milliseconds tick{250};
  /// Timeout of every request to a market-data actor.
  std::chrono::milliseconds request_timeout{5'000};
};

/// Spawns the fan-out actor (channel_fanout.hpp): it subscribes to a symbol's market-data actor
/// when the first session joins one of its channels (every symbol for `ticker`), returns credit
/// per event, serialises each event once for all joined connections, fetches book snapshots and
/// candle histories for new and resyncing subscribers, and resubscribes when the market-data actor
/// drops it. Stops on an exit message (its owner, the endpoint, sends one).
fanout_actor spawn_fanout(caf::actor_system& sys, fanout_config cfg);

} // namespace bourse::net::ws

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(bourse::net::ws::fanout_join)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(bourse::net::ws::fanout_leave)
