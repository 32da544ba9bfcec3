#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <caf/typed_event_based_actor.hpp>

#include "actors/account/account_actor.hpp"
#include "actors/account/pending_submits.hpp"
#include "actors/runtime/errors.hpp"
#include "persistence/account_checkpoint.hpp"
#include "persistence/account_journal.hpp"
#include "persistence/journal_link.hpp"

/// The account actor's implementation, private to actors/account: one account_shell per incarnation
/// owns the actor's state and the bookkeeping that does not survive a restart. Its members are
/// defined by topic: account_shell.cpp (handlers, journal, listeners, idleness), account_orders.cpp
/// (order entry, cancel, replace) and account_reports.cpp (execution reports and their
/// acknowledgements).
namespace bourse {

class account_shell {
public:
  account_shell(account_actor::pointer self, std::shared_ptr<account_actor_state> state,
                std::shared_ptr<const instrument_registry> instruments, std::shared_ptr<placement> where,
                account_actor_config cfg)
      : self_(self), st_(std::move(state)), instruments_(std::move(instruments)), where_(std::move(where)),
        cfg_(std::move(cfg)), journal_(self, cfg_.persistence, "account " + std::to_string(st_->acc.id())),
        checkpoints_(cfg_.persistence, cfg_.checkpoint_every, st_->journaled), submits_(cfg_.book_timeout) {
    // nop
  }

  /// The handlers of one incarnation of the account actor of `s`.
  static account_actor::behavior_type behavior(std::shared_ptr<account_shell> s);

private:
  /// Applies `entry` through apply_entry and queues it for the journal when it changed the account
  /// (a rejected deposit, issue or replace changed nothing); returns its outcome.
  entry_outcome record(account_entry entry, const book_event* event = nullptr);

  /// Tells the liquidation actor (cfg_.watcher) to watch this account or to stop: at start when it
  /// holds a margin position or is REDUCING (the liquidation actor may have to release it), when it
  /// opens its first or closes its last margin position, and at every idle tick while it holds one
  /// (a liquidation actor that restarted meanwhile may have missed the start).
  void announce(bool watch);

  void forget_listener(const caf::actor_addr& gone);

  /// What the account's side of a fill `e` is, for its listeners: one notice per side it owns.
  void note_fills(const std::string& symbol, const book_event& e, const entry_outcome& out);

  /// Tells the listeners of `fills` and, when the account changed, that it did.
  void notify(const std::vector<fill_notice>& fills, bool changed);

  /// A deposit, an issue of shares or a delivery: its verdict, once durable when it changed the account.
  caf::result<reason_code> change(account_entry_kind kind, const std::string& symbol, std::int64_t amount);

  /// An auction entry (persistence/auction_entries.hpp): NONE for a repeat (nothing journaled), else
  /// its verdict once durable; a sale paid to the house credits the house.
  caf::result<reason_code> auction_change(account_entry entry);

  /// True when new work must be turned away: too many journal requests await their ack.
  bool busy() const { return journal_ && journal_.unacked() >= cfg_.max_unjournaled; }

  /// The reference price (cents) of `symbol`'s price band now: the book's latest re-centring, else
  /// the listing's; 0 for an unlisted symbol.
  cents reference(std::string_view symbol) const;

  caf::result<order_result> place(const new_order& order);

  /// Sends a reserved order to its book (again, after a failure: the book answers a duplicate with
  /// its first reply) and passes the outcome to `done` when the book answers (submitted) or, after
  /// book_timeout without an answer, TIMEOUT (expire_submits).
  template <class Done>
  void route(Done done, const order_request& request, order_result result) {
    auto book = where_->book(result.symbol);
    if (!book) {
      result.reason = reason_code::unavailable;
      done(std::move(result));
      return;
    }
    self_->send(book, atoms::submit::value, request);
    if (auto arm = submits_.add(std::move(result), std::move(done), self_->clock().now()))
      self_->delayed_send(self_, *arm, atoms::expire::value);
  }

  /// The book's own answer to the submit of `client_order_id`, sent when no ACCEPTED or REJECTED
  /// report answers it: BUSY, a resend's first answer, or PERSISTENCE_FAILED.
  void submitted(std::uint64_t client_order_id, const book_reply& reply);

  /// Answers the submit of `client_order_id` on `symbol`. The book's reports, not this answer, move
  /// the reservation, except a BUSY answer: the book executed nothing and keeps no reply, so the
  /// reservation is released. A final answer is kept for resends, also when the client already got
  /// TIMEOUT; PERSISTENCE_FAILED is not final (the book's journal refused; a resend retries).
  void settle_submit(const std::string& symbol, std::uint64_t client_order_id, const book_reply& reply,
                     std::vector<pending_submits::waiting>& waiters);

  /// The expiry timer fired: submits without an answer for book_timeout get TIMEOUT (retryable; a
  /// late answer still settles the order).
  void expire_submits();

  /// The book turned `result`'s order away unexecuted: releases its reservation (journaled).
  void refuse(const order_result& result);

  caf::result<order_result> cancel(const std::string& symbol, std::uint64_t client_order_id);

  /// Holds what the replacement needs (account::prepare_replace, journaled), then asks the book; its
  /// REPLACED or REJECTED report settles the hold. A book that does not answer gets the hold back at
  /// once: a REPLACED report arriving later still applies (apply_replace needs no prepare).
  caf::result<order_result> replace(const std::string& symbol, std::uint64_t client_order_id, cents price,
                                    quantity qty);

  /// Gives back the hold of a replace whose book did not answer (journaled).
  void abort_replace(const std::string& symbol, std::uint64_t client_order_id);

  /// `client_order_id` on `symbol` as a result to fill in: its book id and reason none, or
  /// UNKNOWN_ORDER when this account has no order of that id there that the book has accepted.
  order_result known_order(const std::string& symbol, std::uint64_t client_order_id) const;

  /// Sends `what` to the book of `result`'s symbol and passes `result` with the book's reason to
  /// `done`, or with UNAVAILABLE / TIMEOUT after calling `on_error` when the book is missing or silent.
  template <class Done, class OnError, class... Ts>
  void ask_book(Done done, order_result result, OnError on_error, Ts... what) {
    auto book = where_->book(result.symbol);
    if (!book) {
      on_error();
      result.reason = reason_code::unavailable;
      done(std::move(result));
      return;
    }
    self_->request(book, cfg_.book_timeout, what...)
        .then(
            [done, result](reason_code why) mutable {
              result.reason = why;
              done(std::move(result));
            },
            [done, result, on_error](caf::error& err) mutable {
              on_error();
              result.reason = to_reason(err);
              done(std::move(result));
            });
  }

  /// After a REPLACED event the account could not cover in full: shrinks the book's order to what
  /// the account still reserves, or cancels it when nothing is left. Its report applies as usual.
  void shrink(const std::string& symbol, const book_event& replaced);

  /// Applies this account's side of one book's events once and in order, journals them without
  /// waiting and acknowledges them to the book at once, with one message: the book journaled the
  /// events before sending them, and recovery applies every durable event beyond the account's
  /// journal, so the book may forget them. A resend of an applied sequence is only acknowledged; a
  /// report whose predecessor (`after`) was not applied ends the batch and is named in the
  /// acknowledgement, so the book resends in order.
  void apply(const std::vector<execution_report>& reports);

  /// The last book sequence of `symbol` this account applied; 0 for none.
  sequence applied_through(const std::string& symbol) const;

  /// Records one report's event (the next in sequence) and what follows from it: fill notices,
  /// fees to the house, a shrink of an order the account no longer covers in full.
  void apply_event(const execution_report& report);

  /// Notes that `symbol`'s book is owed an acknowledgement (and, when `dropped` is not 0, that the
  /// report `dropped` was dropped for a missing predecessor). The acknowledgements go out when the
  /// messages now in the mailbox are handled (a note to self queues behind them), so a burst of
  /// reports costs the book one acknowledgement, not one per message.
  void acknowledge(const std::string& symbol, sequence dropped);

  /// Tells each book owed an acknowledgement the last sequence this account applied of it.
  void send_acks();

  /// Answers `reply` once the entries recorded so far are durable (journal_link.hpp).
  template <class T>
  caf::result<T> reply_when_durable(T reply) {
    return bourse::reply_when_durable(self_, std::move(reply), [this](auto answer) { durable_then(answer); });
  }

  /// Journals the entries recorded since the last call as one request (an empty one orders `done`
  /// behind the earlier ones); `done(ok)` as journal_link::send. Without persistence `done(true)`
  /// runs at once.
  template <class Done>
  void durable_then(Done done) {
    auto entries = std::exchange(pending_, {});
    auto cash = std::exchange(pending_cash_, {});
    auto then = [this, fills = std::exchange(notices_, {}), changed = !entries.empty(), done,
                 checkpoint = checkpoints_.due(*st_)](bool ok) mutable {
      checkpoints_.acked(ok, std::move(checkpoint));
      if (ok)
        notify(fills, changed);
      done(ok);
    };
    if (!journal_) {
      then(true);
      return;
    }
    persist_request request;
    request.account = st_->acc.id();
    request.entries = std::move(entries);
    request.cash = std::move(cash);
    journal_.send(std::move(request), std::move(then));
  }

  /// Passivates when nothing happened since the last tick, no order can still produce a report, no
  /// margin position needs watching and no session listens.
  void idle_tick();

  account_actor::pointer self_;
  std::shared_ptr<account_actor_state> st_;
  std::shared_ptr<const instrument_registry> instruments_;
  std::shared_ptr<placement> where_;
  account_actor_config cfg_;
  journal_link<account_actor::pointer> journal_;
  checkpoint_schedule checkpoints_;
  std::vector<account_entry> pending_;      ///< recorded, not yet handed to the journal
  std::vector<cash_movement> pending_cash_; ///< the cash movements of pending_ (-> cash_ledger)
  std::vector<fill_notice> notices_;        ///< fills of the entries in pending_, for the listeners
  pending_submits submits_;                 ///< orders sent to their books, awaiting the answer
  /// Books owed an acknowledgement (symbol, a dropped report's sequence or 0), sent by send_acks.
  std::vector<std::pair<std::string, sequence>> acks_owed_;
  std::uint64_t activity_ = 0;
  std::uint64_t activity_at_last_tick_ = 0;
  bool watching_ = false; ///< holds a margin position, as last announced to the liquidation actor
};

} // namespace bourse
