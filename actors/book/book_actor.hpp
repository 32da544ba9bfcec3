#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include <caf/actor_system.hpp>

#include "actors/book/order_book.hpp"
#include "actors/book/report_outbox.hpp"
#include "actors/common/sharded_flat_map.hpp"
#include "actors/runtime/interfaces.hpp"
#include "actors/runtime/placement.hpp"
#include "persistence/persist_messages.hpp"

namespace bourse {

/// The checkpoint of a book actor: everything that must survive a restart of the actor. The
/// supervisor keeps it and hands it to the next incarnation; after a process restart it is rebuilt
/// from the journal (persistence/book_recovery.hpp).
struct book_state {
  explicit book_state(instrument rules) : book(std::move(rules)) {}

  /// (owner, client_ref) of a submitted order.
  struct submit_key {
    account_id owner = 0;
    std::uint64_t client_ref = 0;
    friend bool operator==(const submit_key&, const submit_key&) = default;
  };
  struct submit_key_hash {
    std::size_t operator()(const submit_key& k) const noexcept {
      return std::hash<std::uint64_t>{}(k.owner * 0x9e3779b97f4a7c15ULL ^ k.client_ref);
    }
  };

  order_book book;
  report_outbox outbox;
  /// First reply to every submit, so that an account's resend after a failure is not a second order.
  /// Open addressing in shards: one rehash of a flat map of 200k replies stalled the book for 10-30 ms.
  sharded_flat_map<submit_key, book_reply, submit_key_hash> replies;
  /// The cmd_seq of the last journaled command (persistence/book_journal.hpp).
  sequence journaled = 0;
};

/// At the end of a trading day, forgets the first replies of orders that are no longer open: a
/// client_order_id is unique within a trading day (as FIX's ClOrdID), so the book's idempotency
/// memory holds one day's orders plus the open ones instead of every order ever. The live book and
/// recovery both call it on each END_OF_DAY command, so their states stay equal.
void forget_closed_replies(book_state& state);

/// Tunables of a book actor.
struct book_actor_config {
  std::size_t md_depth = 10; ///< L2 levels per side sent to market data
  /// Reports to an account that acknowledged none of them for this long are sent again.
  caf::timespan report_timeout = std::chrono::seconds(2);
  caf::timespan expiry_interval = std::chrono::seconds(1); ///< GTD expiry timer period
  std::function<timestamp_ns()> now;                       ///< wall clock, ns UTC; system clock if empty
  /// When set, every command is journaled there and its replies, reports and market data leave
  /// only after the durable ack (nothing a client was told is ever lost); when not, at once.
  persistence_actor persistence;
  /// With persistence: new orders get BUSY (nothing executed) while this many journal requests
  /// await their durable ack, so a slow store bounds the book's memory instead of growing it.
  std::size_t max_unjournaled = 4096;
  /// With persistence: a snapshot of the book every this many journaled commands, written once
  /// they are durable (persistence/book_snapshot_codec.hpp), so a recovery replays only the commands
  /// after it; 0 writes none.
  sequence snapshot_every = 50'000;
};

/// Spawns the book actor of `state`'s symbol: it sequences commands into the order book, sends every
/// event to the accounts involved (at least once, in order, through `where`) and the resulting
/// trades and depth to the symbol's market-data actor, which it never waits for.
book_actor spawn_book(caf::actor_system& sys, std::shared_ptr<book_state> state,
                      std::shared_ptr<placement> where, book_actor_config cfg);

} // namespace bourse
