#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>

#include <caf/actor_system.hpp>

#include "actors/account/account.hpp"
#include "actors/account/ledger.hpp"
#include "actors/runtime/interfaces.hpp"
#include "actors/runtime/placement.hpp"

namespace bourse {

/// The checkpoint of the house actor: the house account (id 0) and, per (payer, symbol), the last fee
/// credited, so that a credit sent twice is counted once. Survives restarts of the actor.
struct house_state {
  /// (book sequence, 0 taker / 1 maker) of the last credit per (payer, symbol); credits of one payer
  /// and symbol arrive in sequence order (one sender), taker before maker within a self-trade.
  using last_credit = std::pair<sequence, int>;

  account acc{house_account_id};
  std::map<std::pair<account_id, std::string>, last_credit, std::less<>> last;
};

/// Credits one fee to the house account in `state`; false (no change) for a repeat or a fee <= 0.
bool collect(house_state& state, const fee_credit& credit);

/// Spawns the house actor on `state`: it collects the fee of every fill from the accounts.
house_actor spawn_house(caf::actor_system& sys, std::shared_ptr<house_state> state);

/// The account actor's hook after applying its side of a fill: sends the fee it just paid (from
/// account::apply_fill's fill_result) to the house found through `where`. Nothing is sent for a zero
/// fee; one-way, so the account never waits for the house.
void credit_house(const placement& where, const std::string& symbol, account_id payer, const book_event& fill,
                  liquidity role, cents fee);

} // namespace bourse
