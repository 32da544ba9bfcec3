#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <caf/actor_system.hpp>

#include "actors/account/account.hpp"
#include "actors/account/instrument_registry.hpp"
#include "actors/account/result_window.hpp"
#include "actors/runtime/interfaces.hpp"
#include "actors/runtime/placement.hpp"
#include "persistence/persist_messages.hpp"

namespace bourse {

/// The checkpoint of an account actor: the ledger account plus what idempotency and at-least-once
/// report delivery need. Survives restarts and passivation in memory; after a process restart it is
/// rebuilt from the account's journal (persistence/account_recovery.hpp).
struct account_actor_state {
  explicit account_actor_state(account_id id, risk_limits limits = {}) : acc(id, limits) {}

  /// What the account knows of one of its open orders; the key is its client_order_id, which is also
  /// the order's client_ref on the book.
  struct order_info {
    std::string symbol;
    order_id id = 0; ///< 0 until the book's ACCEPTED report arrives
  };

  account acc;
  result_window results;                                ///< first final answer per recent client_order_id
  std::unordered_map<std::uint64_t, order_info> orders; ///< open (or not yet confirmed) orders
  std::map<std::string, sequence, std::less<>> applied; ///< last book sequence applied per symbol
  sequence journaled = 0;                               ///< seq of the last journal entry
  std::set<std::uint64_t> auctions_settled;             ///< lots whose settlement leg this account applied
  cents house_credited = 0; ///< cents this account credited the house (fees, lots sold by the house)
  std::vector<account_entry>
      unsent; ///< applied before the actor ran (opening deposit): journaled at its start
  std::vector<cash_movement> unsent_cash;  ///< the cash movements of `unsent`
  std::vector<account_listener> listeners; ///< sessions to notify of fills and changes
};

/// Tunables of an account actor.
struct account_actor_config {
  caf::timespan book_timeout = std::chrono::seconds(2); ///< per request to a book
  caf::timespan idle_after = std::chrono::seconds(60);  ///< passivate after this long without messages
  /// When set, every state change is journaled there (persistence/account_journal.hpp) and what a
  /// client sees of it (the reply, the order reaching its book) leaves only after the durable ack.
  persistence_actor persistence;
  /// With persistence: new orders and replaces get BUSY (nothing changed) while this many journal
  /// requests await their durable ack, which bounds the account's memory when the store is slow.
  std::size_t max_unjournaled = 256;
  /// With persistence: a checkpoint of the state every this many journal entries and at
  /// passivation (persistence/account_checkpoint.hpp); 0 writes none.
  sequence checkpoint_every = 1'000;
  /// The liquidation actor's current incarnation, told when the account starts or stops holding a
  /// margin position (margin_check.hpp holds_margin); unset: nobody is told.
  std::function<margin_watcher()> watcher;
};

/// Spawns an account actor on `state`: validates, risk-checks and reserves orders, routes them to the
/// book found through `where`, applies execution reports exactly once (by book sequence), answers
/// resends of a client_order_id with the first result, and passivates itself when idle with no open
/// orders and no listener. Listeners get each fill and an update after each other change once it
/// is durable. Book failures reach the client as UNAVAILABLE or TIMEOUT (retryable); a book's BUSY
/// releases the reservation. Every state change goes through apply_entry (and, with
/// `cfg.persistence`, the journal), so a replay of the journal rebuilds the same state.
account_actor spawn_account(caf::actor_system& sys, std::shared_ptr<account_actor_state> state,
                            std::shared_ptr<const instrument_registry> instruments,
                            std::shared_ptr<placement> where, account_actor_config cfg);

/// A 64-bit hash of an account's balances, positions and open orders (restart checks).
std::uint64_t state_hash(const account& acc);

} // namespace bourse
