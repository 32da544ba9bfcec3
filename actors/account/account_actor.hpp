#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include <caf/actor_system.hpp>

#include "actors/account/account.hpp"
#include "actors/account/margin.hpp"
#include "actors/runtime/interfaces.hpp"
#include "actors/runtime/placement.hpp"

namespace bourse {

/// The checkpoint of an account actor: the ledger account plus what idempotency and at-least-once
/// report delivery need. Survives restarts and passivation (in memory until persistence exists).
struct account_actor_state {
  explicit account_actor_state(account_id id, risk_limits limits = {}) : acc(id, limits) {}

  /// What the account knows of one of its open orders; the key is its client_order_id, which is also
  /// the order's client_ref on the book.
  struct order_info {
    std::string symbol;
    order_id id = 0; ///< 0 until the book's ACCEPTED report arrives
  };

  account acc;
  std::unordered_map<std::uint64_t, order_result> results; ///< first final answer per client_order_id
  std::unordered_map<std::uint64_t, order_info> orders;    ///< open (or not yet confirmed) orders
  std::map<std::string, sequence, std::less<>> applied;    ///< last book sequence applied per symbol
};

/// Tunables of an account actor.
struct account_actor_config {
  caf::timespan book_timeout = std::chrono::seconds(2); ///< per request to a book
  caf::timespan idle_after = std::chrono::seconds(60);  ///< passivate after this long without messages
};

/// Spawns an account actor on `state`: validates, risk-checks and reserves orders, routes them to the
/// book found through `where`, applies execution reports exactly once (by book sequence), answers
/// resends of a client_order_id with the first result, and passivates itself when idle with no open
/// orders. Book failures reach the client as UNAVAILABLE or TIMEOUT (retryable).
account_actor spawn_account(caf::actor_system& sys, std::shared_ptr<account_actor_state> state,
                            std::shared_ptr<const instrument_table> instruments,
                            std::shared_ptr<placement> where, account_actor_config cfg);

/// A 64-bit hash of an account's balances, positions and open orders (restart checks).
std::uint64_t state_hash(const account& acc);

} // namespace bourse
