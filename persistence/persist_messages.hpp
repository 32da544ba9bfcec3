#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "actors/account/cash_journal.hpp"
#include "actors/runtime/md_messages.hpp"
#include "persistence/auction_records.hpp"
#include "persistence/checkpoint_record.hpp"
#include "persistence/durable_records.hpp"

namespace bourse {

namespace atoms {
using persist = caf::atom_constant<caf::atom("persist")>;
using committed = caf::atom_constant<caf::atom("committed")>;
} // namespace atoms

/// What one sender wants durable: a book's commands and events, or an account's journal entries
/// (or both). Written in one transaction with everything else of its batch.
struct persist_request {
  std::string symbol;                            ///< the book of `commands` and `events`
  std::vector<book_command> commands;            ///< -> book_commands
  std::vector<book_event> events;                ///< -> book_events, and executions for fills
  account_id account = 0;                        ///< the account of `entries`
  std::vector<account_entry> entries;            ///< -> account_journal
  std::vector<cash_movement> cash;               ///< -> cash_ledger: the net cash movements of `entries`
  lot_id lot = 0;                                ///< the auction of `auction_commands`
  std::vector<auction_command> auction_commands; ///< -> auction_journal (create also -> auction_lots)
  std::vector<account_checkpoint> checkpoints;   ///< -> account_checkpoints
  /// -> book_snapshots
  std::vector<book_snapshot_record> book_snapshots;
  /// -> candles: closed candles of any symbol; one whose (symbol, interval, open time) is already
  /// there is left as it is, so a duplicate never fails the batch
  std::vector<candle> candles;
  /// True for new work that may be turned away when the queue is full (an account's new order);
  /// false for the consequences of accepted work (a book's events, an account applying a report),
  /// which are never refused: refusing them would leave memory and database apart.
  bool refusable = true;
};

/// The answer to a persist_request: none = durable (committed with synchronous_commit = on);
/// busy = refused, queue full, nothing written; persistence_failed = a row was rejected, nothing
/// of this request written.
struct durable_ack {
  reason_code reason = reason_code::none;
  std::uint64_t batch = 0; ///< the number of the batch that committed it (0 when not written)
  friend bool operator==(const durable_ack&, const durable_ack&) = default;
};

/// Counters of a persistence actor.
struct persistence_stats {
  std::uint64_t batches = 0;          ///< committed batches
  std::uint64_t requests = 0;         ///< requests made durable
  std::uint64_t rows = 0;             ///< rows written
  std::uint64_t refused = 0;          ///< requests answered busy
  std::uint64_t failed = 0;           ///< requests answered persistence_failed
  std::uint64_t reconnects = 0;       ///< connections opened after the first
  std::uint64_t connect_failures = 0; ///< attempts to connect that failed
  std::uint64_t pending_rows = 0;     ///< accepted, not yet committed
};

/// The persistence actor of a node: group commit of every book's and account's journal.
using persistence_actor = caf::typed_actor<
    /// Makes a request durable; the ack arrives only after its batch committed. Requests of one
    /// sender commit in the order they were sent; acks arrive in that order.
    caf::replies_to<atoms::persist, persist_request>::with<durable_ack>,
    caf::replies_to<caf::get_atom, atoms::persist>::with<persistence_stats>>;

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, cash_movement& x) {
  return f(caf::meta::type_name("cash_movement"), x.seq, x.book_seq, x.reason, x.symbol, x.amount, x.time);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, persist_request& x) {
  return f(caf::meta::type_name("persist_request"), x.symbol, x.commands, x.events, x.account, x.entries,
           x.cash, x.lot, x.auction_commands, x.checkpoints, x.book_snapshots, x.candles, x.refusable);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, durable_ack& x) {
  return f(caf::meta::type_name("durable_ack"), x.reason, x.batch);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, persistence_stats& x) {
  return f(caf::meta::type_name("persistence_stats"), x.batches, x.requests, x.rows, x.refused, x.failed,
           x.reconnects, x.connect_failures, x.pending_rows);
}

} // namespace bourse
