#pragma once

#include <memory>

#include <caf/actor_system.hpp>

#include "actors/gateway/gateway_messages.hpp"
#include "actors/runtime/placement.hpp"

namespace bourse {

/// An account actor seen through a tap: every message is delegated to the real account, and the
/// execution reports the books deliver are also copied to the watching listeners (bot processes).
/// Spawns the tap of account `id` and points the placement entry of `id` at it, so books deliver
/// reports through it. When the real account restarts (its supervisor re-points the entry), the
/// tap re-installs itself within ~10 ms; reports a book delivers to the new incarnation before that
/// reach the account but not the listeners. The tap keeps the account from passivating.
/// The tap answers the whole account_actor interface (whatever it grows to: unknown messages are
/// delegated untouched) plus `(atoms::watch, order_listener)`, which adds a listener.
caf::actor spawn_account_tap(caf::actor_system& sys, account_id id, std::shared_ptr<placement> where);

} // namespace bourse
