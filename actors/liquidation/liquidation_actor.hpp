#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <vector>

#include <caf/actor_system.hpp>

#include "actors/account/margin_check.hpp"
#include "actors/runtime/interfaces.hpp"

namespace bourse {

/// What the liquidation actor needs of an account actor: its margin health at given marks, its risk
/// state, and order entry. An account actor converts to this handle once it answers `margin`.
using liquidation_target = caf::typed_actor<
    /// The account's margin check at these mark prices (cents per share by symbol).
    caf::replies_to<atoms::margin, mark_prices>::with<margin_check>,
    caf::replies_to<atoms::risk, risk_state>::with<risk_state>,
    caf::replies_to<atoms::place, new_order>::with<order_result>>;

/// The liquidation actor: a market-data subscriber (trade prints are its mark prices) that checks the
/// accounts it watches on a timer.
using liquidation_actor = md_subscriber::extend<
    /// Starts watching a margin account.
    caf::reacts_to<atoms::watch, account_id>,
    /// Check timer tick (sent by the actor to itself).
    caf::reacts_to<atoms::check>,
    /// Accounts this actor has put into REDUCING and not yet released, ascending.
    caf::replies_to<caf::get_atom, atoms::view>::with<std::vector<account_id>>>;

/// First client_order_id of liquidation orders: the top bit keeps them apart from players' ids.
inline constexpr std::uint64_t liquidation_order_base = std::uint64_t{1} << 63;

/// Tunables of the liquidation actor.
struct liquidation_config {
  caf::timespan check_interval = std::chrono::seconds(1);  ///< between two checks of every account
  caf::timespan account_timeout = std::chrono::seconds(2); ///< per request to an account
};

/// What survives a restart of the liquidation actor.
struct liquidation_state {
  mark_prices marks;             ///< last trade price per symbol, cents
  std::set<account_id> watched;  ///< margin accounts to check
  std::set<account_id> reducing; ///< accounts this actor marked REDUCING
  std::uint64_t next_client_order_id = liquidation_order_base;
};

/// Finds the account actor of an id (in a node: the placement's account handle).
using liquidation_lookup = std::function<liquidation_target(account_id)>;

/// Spawns the liquidation actor. Every check_interval it asks each watched account for its margin
/// check at the current marks; an account under maintenance margin is set REDUCING (unless HALTED)
/// and gets a reduce-only market margin order closing its largest position, one position per check,
/// until it recovers; then this actor sets it back to ACTIVE. An account that does not answer is
/// checked again at the next tick.
liquidation_actor spawn_liquidation(caf::actor_system& sys, std::shared_ptr<liquidation_state> state,
                                    liquidation_lookup lookup, liquidation_config cfg = {});

} // namespace bourse
