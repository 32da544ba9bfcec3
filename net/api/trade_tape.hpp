#pragma once

#include "actors/runtime/interfaces.hpp"
#include "actors/runtime/placement.hpp"

#include <caf/actor_system.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace bourse::net::api {

/// Tag of the tape's query (CAF 0.17 atom).
using tape_atom = caf::atom_constant<caf::atom("tape")>;

/// A market-data subscriber that keeps the last trades of every listed symbol in a bounded ring.
/// Query: (get, tape, symbol, limit) -> up to limit trades, newest first (empty for an unknown symbol).
using trade_tape_actor = md_subscriber::extend<
    caf::replies_to<caf::get_atom, tape_atom, std::string, std::int64_t>::with<std::vector<trade_print>>>;

/// Spawns a tape subscribed to the market-data actor of every symbol in where->symbols(), keeping
/// capacity trades per symbol (> 0); it returns credit for every message and resubscribes when dropped.
trade_tape_actor spawn_trade_tape(caf::actor_system& sys, std::shared_ptr<placement> where,
                                  std::size_t capacity);

/// Subscribes `tape` to the market-data actor of `symbol` (listed after the tape started), as the
/// tape itself: the subscription is in that actor's mailbox when this returns, ahead of any later
/// trade. No-op for a symbol without a market-data actor.
void follow_symbol(const trade_tape_actor& tape, const placement& where, const std::string& symbol);

} // namespace bourse::net::api
