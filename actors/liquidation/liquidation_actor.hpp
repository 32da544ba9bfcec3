#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include <caf/actor_system.hpp>

#include "actors/account/margin_check.hpp"
#include "actors/runtime/interfaces.hpp"

namespace bourse {

/// What the liquidation actor needs of an account actor (a subset of account_actor): its margin
/// check, its risk state, and order entry.
using liquidation_target = caf::typed_actor<
    /// One-way margin check at these mark prices (cents per share by symbol); the account answers
    /// with (margin, account id, margin_check) to the sender.
    caf::reacts_to<atoms::margin, mark_prices>, caf::replies_to<atoms::risk, risk_state>::with<risk_state>,
    caf::replies_to<atoms::place, new_order>::with<order_result>>;

/// The liquidation actor: a market-data subscriber (trade prints are its mark prices) that checks, on
/// a timer, the accounts that told it they hold a margin position (margin_watcher).
using liquidation_actor = md_subscriber::extend_with<margin_watcher>::extend<
    /// Check timer tick (sent by the actor to itself).
    caf::reacts_to<atoms::check>,
    /// Accounts this actor has put into REDUCING and not yet released, ascending.
    caf::replies_to<caf::get_atom, atoms::view>::with<std::vector<account_id>>>;

/// First client_order_id of liquidation orders: the top bit keeps them apart from players' ids.
inline constexpr std::uint64_t liquidation_order_base = std::uint64_t{1} << 63;

/// Tunables of the liquidation actor.
struct liquidation_config {
  caf::timespan check_interval = std::chrono::seconds(1); ///< between two checks of every watched account
  /// Ticks a check may stay unanswered (a busy account) before it is sent again; until then the
  /// account is skipped, so a slow account never has more than one check queued.
  std::uint32_t patience = 2;
  caf::timespan account_timeout = std::chrono::seconds(2); ///< per risk-state or close request
};

/// What survives a restart of the liquidation actor.
struct liquidation_state {
  mark_prices marks; ///< last trade price per symbol, cents
  /// Accounts to check (they hold a margin position, or this actor has yet to release them from
  /// REDUCING), with the incarnation that last registered.
  std::map<account_id, liquidation_target> watched;
  std::set<account_id> reducing; ///< accounts this actor marked REDUCING
  std::uint64_t next_client_order_id = liquidation_order_base;
};

/// Spawns the liquidation actor. An account actor registers itself with (watch, id, true) when it
/// holds a margin position (at start, after the fill that opens its first one, at idle ticks) and
/// leaves with (watch, id, false) after its last one closed; it is monitored meanwhile, and its
/// down_msg ends the watch (a restarted incarnation registers again). Every check_interval each
/// watched account gets a one-way margin check at the current marks, unless its previous one is
/// unanswered for fewer than `patience` ticks; no request timeouts. An account under maintenance is
/// set REDUCING (unless HALTED) and gets a reduce-only market margin order closing its largest
/// position, one position per answer, until it recovers; then this actor sets it back to ACTIVE. An
/// account this actor reduced stays watched until a check releases it, even once it is flat.
liquidation_actor spawn_liquidation(caf::actor_system& sys, std::shared_ptr<liquidation_state> state,
                                    liquidation_config cfg = {});

} // namespace bourse
